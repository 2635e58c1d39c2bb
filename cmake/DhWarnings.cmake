# dh_target_defaults(<target>): warnings, -Werror when DH_WERROR, sanitizers when DH_SANITIZE.
set(DH_WARNINGS
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
  -Wno-maybe-uninitialized)

if(DH_SANITIZE)
  add_compile_options(-fsanitize=${DH_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${DH_SANITIZE})
endif()

function(dh_target_defaults target)
  target_compile_options(${target} PRIVATE ${DH_WARNINGS})
  if(DH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
