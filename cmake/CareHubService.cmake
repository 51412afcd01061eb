# carehub_service(<name> SOURCES … [LIBS …]): one backend service in services/<name>/.
#   - library carehub_<name> from SOURCES, linked to the backend skeleton and LIBS;
#   - its migrations/{mysql,sqlite}/*.sql (when the folder exists) compiled in as
#     <Name>Migrations(), declared in the generated header "services/<name>/migrations.h";
#   - executable carehub-<name> from main.cc, installed to bin/.
# docs/ADDING_A_SERVICE.md lists the few other places a new service touches.
function(carehub_service name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  set(lib carehub_${name})
  add_library(${lib} STATIC ${ARG_SOURCES})  # may start empty: the migrations are added below
  target_link_libraries(${lib} PUBLIC carehub_backend ${ARG_LIBS})
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/migrations)
    string(SUBSTRING ${name} 0 1 first)
    string(SUBSTRING ${name} 1 -1 rest)
    string(TOUPPER ${first} first)
    carehub_migrations(${lib} ${first}${rest}Migrations ${CMAKE_CURRENT_SOURCE_DIR}/migrations
                       HEADER services/${name}/migrations.h)
  endif()
  add_executable(carehub-${name} main.cc)
  target_link_libraries(carehub-${name} PRIVATE ${lib})
  install(TARGETS carehub-${name} RUNTIME DESTINATION bin)
endfunction()
