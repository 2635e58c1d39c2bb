# dh_embed_files(<out.cpp> <namespace> <function> <files...>)
# Generates a C++ source whose <namespace>::<function>() returns the files' names and contents,
# in the given order, as std::span<const EmbeddedFile> (declared in core/embedded_file.hpp).
function(dh_embed_files out namespace function)
  set(files ${ARGN})
  string(REPLACE ";" "|" joined "${files}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAMESPACE=${namespace} -DFUNCTION=${function}
            "-DFILES=${joined}" -P ${PROJECT_SOURCE_DIR}/cmake/DhEmbedScript.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/DhEmbedScript.cmake
    COMMENT "Embedding ${function}"
    VERBATIM)
endfunction()
