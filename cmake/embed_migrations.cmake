# Script mode: writes OUT from MYSQL_FILES and SQLITE_FILES (see CareHubMigrations.cmake).
function(emit_list var files)
  set(body "")
  foreach(f ${files})
    get_filename_component(name ${f} NAME_WE)
    string(REGEX MATCH "^[0-9]+" version ${name})
    if(NOT version)
      message(FATAL_ERROR "migration ${f} must be named NNNN_name.sql")
    endif()
    math(EXPR version "${version} + 0")
    file(READ ${f} sql)
    string(APPEND body "      {${version}, \"${name}\", R\"carehub_sql(${sql})carehub_sql\"},\n")
  endforeach()
  set(${var} "${body}" PARENT_SCOPE)
endfunction()
emit_list(mysql "${MYSQL_FILES}")
emit_list(sqlite "${SQLITE_FILES}")
file(WRITE ${OUT}.tmp "// Generated from migrations/*.sql; do not edit.
#include \"common/db/migrations.h\"

namespace carehub {
const std::vector<db::Migration>& ${SYMBOL}(db::Backend backend) {
  static const std::vector<db::Migration> kMysql = {
${mysql}  };
  static const std::vector<db::Migration> kSqlite = {
${sqlite}  };
  return backend == db::Backend::kMysql ? kMysql : kSqlite;
}
}  // namespace carehub
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
