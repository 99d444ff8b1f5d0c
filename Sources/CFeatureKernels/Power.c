// |X|² per bin from FFTW's double spectrum rounded to complex64 (librosa's stft dtype). librosa squares
// the float32 magnitude; re² + im² differs from that by at most an ulp and skips a square root.
#include "Kernels.h"
#pragma STDC FP_CONTRACT OFF

void sl_power_portable(const double *spectrum, float *out, ptrdiff_t bins) {
    for (ptrdiff_t k = 0; k < bins; k++) {
        float re = (float)spectrum[2 * k], im = (float)spectrum[2 * k + 1];
        out[k] = re * re + im * im;
    }
}

#if defined(__x86_64__)
#include <immintrin.h>
__attribute__((target("avx2")))
void sl_power_avx2(const double *spectrum, float *out, ptrdiff_t bins) {
    ptrdiff_t k = 0;
    for (; k + 8 <= bins; k += 8) {
        const double *c = spectrum + 2 * k;
        // Lanes (re, im) of bins k..k+1 | k+4..k+5 and k+2..k+3 | k+6..k+7, so the in-lane pairwise
        // add lands the eight powers in bin order.
        __m256 a = _mm256_set_m128(_mm256_cvtpd_ps(_mm256_loadu_pd(c + 8)), _mm256_cvtpd_ps(_mm256_loadu_pd(c)));
        __m256 b = _mm256_set_m128(_mm256_cvtpd_ps(_mm256_loadu_pd(c + 12)), _mm256_cvtpd_ps(_mm256_loadu_pd(c + 4)));
        _mm256_storeu_ps(out + k, _mm256_hadd_ps(_mm256_mul_ps(a, a), _mm256_mul_ps(b, b)));
    }
    for (; k < bins; k++) {
        float re = (float)spectrum[2 * k], im = (float)spectrum[2 * k + 1];
        out[k] = re * re + im * im;
    }
}
#else
void sl_power_avx2(const double *spectrum, float *out, ptrdiff_t bins) { sl_power_portable(spectrum, out, bins); }
#endif
