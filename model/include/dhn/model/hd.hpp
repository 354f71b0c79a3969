// DHN_HD marks functions shared by host and device code (CPU engine, CUDA kernels, tests).
// Code marked DHN_HD includes no CUDA header, throws nothing and allocates nothing.
#pragma once

#if defined(__CUDACC__)
#define DHN_HD __host__ __device__
#else
#define DHN_HD
#endif
