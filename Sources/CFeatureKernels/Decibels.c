// 10·log10 of power values. glibc's log10f cost ~10 ns a value; this is Cephes' log10f polynomial
// (about 1 ulp) as a branch-free body, with log10(2) and log10(e) split into an exact high part and
// a small low part so large |dB| keeps its precision. Both versions run the same operations in the
// same order, so they agree bit for bit.
#include <stdint.h>
#include <string.h>
#include "Kernels.h"
#pragma STDC FP_CONTRACT OFF

static inline float decibels(float input, float amin) {
    float x = input > amin ? input : amin;
    uint32_t bits;
    memcpy(&bits, &x, 4);
    // x = m · 2^e with m in [0.5, 1); x is a positive normal number after the clamp.
    int32_t exponent = (int32_t)(bits >> 23) - 126;
    uint32_t halfBits = (bits & 0x007FFFFFu) | 0x3F000000u;
    float half;
    memcpy(&half, &halfBits, 4);
    // Centre the mantissa on 1 (m in [√½, √2)) so the polynomial argument stays small.
    int low = half < 0.70710677f;
    float e = (float)(low ? exponent - 1 : exponent);
    float m = (low ? half + half : half) - 1.0f;
    float z = m * m;
    float p = 7.0376836e-2f;
    p = p * m - 1.1514610e-1f;
    p = p * m + 1.1676999e-1f;
    p = p * m - 1.2420141e-1f;
    p = p * m + 1.4249323e-1f;
    p = p * m - 1.6668058e-1f;
    p = p * m + 2.0000715e-1f;
    p = p * m - 2.4999994e-1f;
    p = p * m + 3.3333331e-1f;
    float y = m * (z * p);
    y = y - 0.5f * z;
    // Small terms first (Cephes' order).
    float r = y * 7.007319e-4f;
    r = r + m * 7.007319e-4f;
    r = r + e * 2.4874566e-4f;
    r = r + y * 4.3359375e-1f;
    r = r + m * 4.3359375e-1f;
    r = r + e * 3.0078125e-1f;
    return 10.0f * r;
}

float sl_power_to_db_portable(float *x, ptrdiff_t n, float amin) {
    for (ptrdiff_t i = 0; i < n; i++) x[i] = decibels(x[i], amin);
    float peak = -__builtin_inff();
    for (ptrdiff_t i = 0; i < n; i++) peak = x[i] > peak ? x[i] : peak;
    return peak;
}

#if defined(__x86_64__)
#include <immintrin.h>
__attribute__((target("avx2")))
float sl_power_to_db_avx2(float *x, ptrdiff_t n, float amin) {
    const __m256 vamin = _mm256_set1_ps(amin), one = _mm256_set1_ps(1.0f), halfC = _mm256_set1_ps(0.5f);
    __m256 peak8 = _mm256_set1_ps(-__builtin_inff());
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 v = _mm256_loadu_ps(x + i);
        v = _mm256_blendv_ps(vamin, v, _mm256_cmp_ps(v, vamin, _CMP_GT_OQ));
        __m256i bits = _mm256_castps_si256(v);
        __m256i exponent = _mm256_sub_epi32(_mm256_srli_epi32(bits, 23), _mm256_set1_epi32(126));
        __m256 half = _mm256_castsi256_ps(_mm256_or_si256(_mm256_and_si256(bits, _mm256_set1_epi32(0x007FFFFF)),
                                                          _mm256_set1_epi32(0x3F000000)));
        __m256 low = _mm256_cmp_ps(half, _mm256_set1_ps(0.70710677f), _CMP_LT_OQ);
        // The mask is -1 where low: adding it subtracts one from the exponent.
        __m256 e = _mm256_cvtepi32_ps(_mm256_add_epi32(exponent, _mm256_castps_si256(low)));
        __m256 m = _mm256_sub_ps(_mm256_blendv_ps(half, _mm256_add_ps(half, half), low), one);
        __m256 z = _mm256_mul_ps(m, m);
        __m256 p = _mm256_set1_ps(7.0376836e-2f);
        p = _mm256_sub_ps(_mm256_mul_ps(p, m), _mm256_set1_ps(1.1514610e-1f));
        p = _mm256_add_ps(_mm256_mul_ps(p, m), _mm256_set1_ps(1.1676999e-1f));
        p = _mm256_sub_ps(_mm256_mul_ps(p, m), _mm256_set1_ps(1.2420141e-1f));
        p = _mm256_add_ps(_mm256_mul_ps(p, m), _mm256_set1_ps(1.4249323e-1f));
        p = _mm256_sub_ps(_mm256_mul_ps(p, m), _mm256_set1_ps(1.6668058e-1f));
        p = _mm256_add_ps(_mm256_mul_ps(p, m), _mm256_set1_ps(2.0000715e-1f));
        p = _mm256_sub_ps(_mm256_mul_ps(p, m), _mm256_set1_ps(2.4999994e-1f));
        p = _mm256_add_ps(_mm256_mul_ps(p, m), _mm256_set1_ps(3.3333331e-1f));
        __m256 y = _mm256_mul_ps(m, _mm256_mul_ps(z, p));
        y = _mm256_sub_ps(y, _mm256_mul_ps(halfC, z));
        __m256 r = _mm256_mul_ps(y, _mm256_set1_ps(7.007319e-4f));
        r = _mm256_add_ps(r, _mm256_mul_ps(m, _mm256_set1_ps(7.007319e-4f)));
        r = _mm256_add_ps(r, _mm256_mul_ps(e, _mm256_set1_ps(2.4874566e-4f)));
        r = _mm256_add_ps(r, _mm256_mul_ps(y, _mm256_set1_ps(4.3359375e-1f)));
        r = _mm256_add_ps(r, _mm256_mul_ps(m, _mm256_set1_ps(4.3359375e-1f)));
        r = _mm256_add_ps(r, _mm256_mul_ps(e, _mm256_set1_ps(3.0078125e-1f)));
        r = _mm256_mul_ps(_mm256_set1_ps(10.0f), r);
        _mm256_storeu_ps(x + i, r);
        peak8 = _mm256_max_ps(peak8, r);
    }
    float lanes[8];
    _mm256_storeu_ps(lanes, peak8);
    float peak = lanes[0];
    for (int j = 1; j < 8; j++) peak = lanes[j] > peak ? lanes[j] : peak;
    for (; i < n; i++) {
        x[i] = decibels(x[i], amin);
        peak = x[i] > peak ? x[i] : peak;
    }
    return peak;
}
#else
float sl_power_to_db_avx2(float *x, ptrdiff_t n, float amin) { return sl_power_to_db_portable(x, n, amin); }
#endif
