# Compiles a service's migrations/{mysql,sqlite}/NNNN_name.sql files into a C++ source that
# defines `const std::vector<carehub::db::Migration>& <symbol>(carehub::db::Backend)`,
# so a binary carries its schema and never depends on files at run time.
function(carehub_migrations target symbol dir)
  file(GLOB mysql_files CONFIGURE_DEPENDS ${dir}/mysql/*.sql)
  file(GLOB sqlite_files CONFIGURE_DEPENDS ${dir}/sqlite/*.sql)
  list(SORT mysql_files)
  list(SORT sqlite_files)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${target}_migrations.cc)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DSYMBOL=${symbol}
            "-DMYSQL_FILES=${mysql_files}" "-DSQLITE_FILES=${sqlite_files}"
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_migrations.cmake
    DEPENDS ${mysql_files} ${sqlite_files} ${CMAKE_SOURCE_DIR}/cmake/embed_migrations.cmake
    COMMENT "embedding migrations for ${target}"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()
