# Generates C++ and gRPC sources for .proto files under proto/ into the build tree.
get_target_property(CAREHUB_GRPC_CPP_PLUGIN gRPC::grpc_cpp_plugin LOCATION)

# carehub_proto_library(target ROOT proto_root file.proto…): paths are relative to proto_root,
# which is also the import path (with proto/ always importable).
function(carehub_proto_library target)
  cmake_parse_arguments(ARG "" "ROOT" "" ${ARGN})
  set(root ${ARG_ROOT})
  set(include_paths --proto_path=${root})
  if(NOT root STREQUAL "${CMAKE_SOURCE_DIR}/proto")
    list(APPEND include_paths --proto_path=${CMAKE_SOURCE_DIR}/proto)
  endif()
  set(srcs)
  set(hdrs)
  foreach(proto ${ARG_UNPARSED_ARGUMENTS})
    get_filename_component(abs ${proto} ABSOLUTE BASE_DIR ${root})
    file(RELATIVE_PATH rel ${root} ${abs})
    string(REGEX REPLACE "\\.proto$" "" base ${rel})
    set(out ${CMAKE_CURRENT_BINARY_DIR}/gen)
    list(APPEND srcs ${out}/${base}.pb.cc ${out}/${base}.grpc.pb.cc)
    list(APPEND hdrs ${out}/${base}.pb.h ${out}/${base}.grpc.pb.h)
    add_custom_command(
      OUTPUT ${out}/${base}.pb.cc ${out}/${base}.grpc.pb.cc ${out}/${base}.pb.h ${out}/${base}.grpc.pb.h
      COMMAND ${CMAKE_COMMAND} -E make_directory ${out}
      COMMAND protobuf::protoc
        ${include_paths}
        --cpp_out=${out}
        --grpc_out=${out}
        --plugin=protoc-gen-grpc=${CAREHUB_GRPC_CPP_PLUGIN}
        ${abs}
      DEPENDS ${abs} protobuf::protoc
      COMMENT "protoc ${rel}"
      VERBATIM)
  endforeach()
  add_library(${target} STATIC ${srcs} ${hdrs})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_BINARY_DIR}/gen)
  target_link_libraries(${target} PUBLIC protobuf::libprotobuf gRPC::grpc++)
  # Generated code is not ours to fix; keep our strict flags for our own sources.
  target_compile_options(${target} PRIVATE -Wno-error)
endfunction()
