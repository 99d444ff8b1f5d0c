// Windowing a frame: the float samples times librosa's float64 Hann window, in double as numpy does.
#include "Kernels.h"
#pragma STDC FP_CONTRACT OFF

void sl_window_portable(const float *src, const double *window, double *dst, ptrdiff_t n) {
    for (ptrdiff_t i = 0; i < n; i++) dst[i] = (double)src[i] * window[i];
}

#if defined(__x86_64__)
#include <immintrin.h>
__attribute__((target("avx2")))
void sl_window_avx2(const float *src, const double *window, double *dst, ptrdiff_t n) {
    ptrdiff_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d x = _mm256_cvtps_pd(_mm_loadu_ps(src + i));
        _mm256_storeu_pd(dst + i, _mm256_mul_pd(x, _mm256_loadu_pd(window + i)));
    }
    for (; i < n; i++) dst[i] = (double)src[i] * window[i];
}
#else
void sl_window_avx2(const float *src, const double *window, double *dst, ptrdiff_t n) {
    sl_window_portable(src, window, dst, n);
}
#endif
