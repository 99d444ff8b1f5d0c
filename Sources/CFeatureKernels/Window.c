// Windowing a frame: the float samples times librosa's float64 Hann window, in double as numpy does.
// The int16 versions read 16-bit PCM as the decoder would turn it into floats (s · 2^-15, exact in
// float and in double), so they give the same bits as decoding first.
#include <stdint.h>
#include "Kernels.h"
#pragma STDC FP_CONTRACT OFF

void sl_window_portable(const float *src, const double *window, double *dst, ptrdiff_t n) {
    for (ptrdiff_t i = 0; i < n; i++) dst[i] = (double)src[i] * window[i];
}

void sl_window_i16_portable(const int16_t *src, const double *window, double *dst, ptrdiff_t n) {
    for (ptrdiff_t i = 0; i < n; i++) dst[i] = ((double)src[i] * (1.0 / 32768.0)) * window[i];
}

#if defined(__x86_64__)
#include <immintrin.h>
__attribute__((target("avx2")))
void sl_window_i16_avx2(const int16_t *src, const double *window, double *dst, ptrdiff_t n) {
    const __m256d scale = _mm256_set1_pd(1.0 / 32768.0);
    ptrdiff_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m128i s = _mm_cvtepi16_epi32(_mm_loadl_epi64((const __m128i *)(src + i)));
        __m256d x = _mm256_mul_pd(_mm256_cvtepi32_pd(s), scale);
        _mm256_storeu_pd(dst + i, _mm256_mul_pd(x, _mm256_loadu_pd(window + i)));
    }
    for (; i < n; i++) dst[i] = ((double)src[i] * (1.0 / 32768.0)) * window[i];
}

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
void sl_window_i16_avx2(const int16_t *src, const double *window, double *dst, ptrdiff_t n) {
    sl_window_i16_portable(src, window, dst, n);
}
#endif
