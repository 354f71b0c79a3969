# dhn_set_warnings(target): -Wall -Wextra everywhere, -Werror when DHN_WARNINGS_AS_ERRORS (CI).
function(dhn_set_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow>
    $<$<AND:$<COMPILE_LANGUAGE:CXX>,$<BOOL:${DHN_WARNINGS_AS_ERRORS}>>:-Werror>)
endfunction()
