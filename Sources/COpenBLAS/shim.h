// OpenBLAS is not linked: TensorCore loads it with dlopen after choosing its kernel and threads, because
// OpenBLAS reads OPENBLAS_CORETYPE once, in its load-time constructor. This header names what is looked up.
#ifndef SOUNDLAB_COPENBLAS_SHIM_H
#define SOUNDLAB_COPENBLAS_SHIM_H

enum { SL_CBLAS_ROW_MAJOR = 101, SL_CBLAS_NO_TRANS = 111, SL_CBLAS_TRANS = 112 };

typedef void (*sl_cblas_sgemm_fn)(int order, int transA, int transB, int m, int n, int k, float alpha,
                                  const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc);
typedef void (*sl_cblas_somatcopy_fn)(int order, int trans, int rows, int cols, float alpha,
                                      const float *a, int lda, float *b, int ldb);
typedef char *(*sl_openblas_get_string_fn)(void);
typedef void (*sl_openblas_set_num_threads_fn)(int n);
typedef int (*sl_openblas_get_num_threads_fn)(void);

// The pinned kernel family (Haswell: AVX2 + FMA3) needs both; asking OpenBLAS for it on a CPU without them
// would end in SIGILL, not an error.
static inline int sl_cpu_has_avx2_fma(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

#endif
