# Optional MPI (Open MPI from Debian: openmpi-bin, libopenmpi-dev; issue 18). DHN_WITH_MPI:
#   AUTO (default) uses MPI when CMake's FindMPI finds it, ON requires it, OFF builds without it.
# Without MPI every program runs as one rank (apps/common/mpi_session.hpp); nothing else changes.
set(DHN_WITH_MPI AUTO CACHE STRING "Build the MPI runs of the programs: AUTO, ON or OFF")
set_property(CACHE DHN_WITH_MPI PROPERTY STRINGS AUTO ON OFF)
set(DHN_HAVE_MPI OFF)
if(DHN_WITH_MPI STREQUAL "ON")
  find_package(MPI REQUIRED COMPONENTS CXX)
  set(DHN_HAVE_MPI ON)
elseif(DHN_WITH_MPI STREQUAL "AUTO")
  find_package(MPI COMPONENTS CXX)
  if(MPI_CXX_FOUND)
    set(DHN_HAVE_MPI ON)
  endif()
elseif(NOT DHN_WITH_MPI STREQUAL "OFF")
  message(FATAL_ERROR "DHN_WITH_MPI = ${DHN_WITH_MPI}: accepted AUTO, ON or OFF")
endif()
# FindMPI also sets MPIEXEC_EXECUTABLE (mpiexec), with which tests/cli runs the programs under MPI.
if(DHN_HAVE_MPI)
  message(STATUS "MPI: ON (DHN_WITH_MPI = ${DHN_WITH_MPI}, launcher ${MPIEXEC_EXECUTABLE})")
else()
  message(STATUS "MPI: OFF (DHN_WITH_MPI = ${DHN_WITH_MPI}): every program runs as one rank")
endif()
