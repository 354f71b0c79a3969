# Optional CUDA language support (toolchain.md section 4). The CPU build never depends on it.
# CMake 3.25 only looks for nvcc on PATH, so fall back to /usr/local/cuda explicitly.
set(DHN_HAVE_CUDA OFF)
if(DHN_ENABLE_CUDA)
  if(NOT DEFINED CMAKE_CUDA_COMPILER AND NOT DEFINED ENV{CUDACXX}
     AND EXISTS /usr/local/cuda/bin/nvcc)
    set(ENV{CUDACXX} /usr/local/cuda/bin/nvcc)
  endif()
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER AND EXISTS "${CMAKE_CUDA_COMPILER}")
    # Must precede enable_language(CUDA); 'native' needs a GPU and fails on CI.
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      set(CMAKE_CUDA_ARCHITECTURES 80 90)
    endif()
    # CMake 3.25 has no CUDA20 dialect for nvcc: .cu files stay at C++17.
    set(CMAKE_CUDA_STANDARD 17)
    set(CMAKE_CUDA_STANDARD_REQUIRED ON)
    enable_language(CUDA)
    find_package(CUDAToolkit REQUIRED)
    set(DHN_HAVE_CUDA ON)
  else()
    message(STATUS "nvcc not found: CUDA backend disabled")
  endif()
endif()
message(STATUS "CUDA backend: ${DHN_HAVE_CUDA}")
