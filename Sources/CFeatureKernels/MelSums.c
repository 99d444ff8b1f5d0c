// Mel band sums for a batch of frames. Each band's weights are non-zero on a short run of bins, so
// only that run is summed, in ascending bin order from zero, exactly as a scalar loop per frame
// would: the result does not depend on how frames are batched or which version runs.
#include "Kernels.h"
#include "FeatureKernels.h"
#include "Transpose8.h"
#pragma STDC FP_CONTRACT OFF

void sl_mel_sums_portable(const float *powers, const float *weights, const int *starts, const int *counts,
                          ptrdiff_t bins, ptrdiff_t mels, ptrdiff_t frames, float *scratch, float *out) {
    for (ptrdiff_t m = 0; m < mels; m++) {
        const float *row = weights + m * bins;
        float acc[SL_LANES] = {0};
        for (ptrdiff_t k = starts[m]; k < starts[m] + counts[m]; k++)
            for (int j = 0; j < SL_LANES; j++) acc[j] = acc[j] + row[k] * powers[k * SL_LANES + j];
        for (int j = 0; j < SL_LANES; j++) scratch[m * SL_LANES + j] = acc[j];
    }
    for (ptrdiff_t j = 0; j < frames; j++)
        for (ptrdiff_t m = 0; m < mels; m++) out[j * mels + m] = scratch[m * SL_LANES + j];
}

#if defined(__x86_64__)
__attribute__((target("avx2")))
void sl_mel_sums_avx2(const float *powers, const float *weights, const int *starts, const int *counts,
                      ptrdiff_t bins, ptrdiff_t mels, ptrdiff_t frames, float *scratch, float *out) {
    for (ptrdiff_t m = 0; m < mels; m++) {
        const float *row = weights + m * bins;
        __m256 acc = _mm256_setzero_ps();
        for (ptrdiff_t k = starts[m]; k < starts[m] + counts[m]; k++)
            acc = _mm256_add_ps(acc, _mm256_mul_ps(_mm256_set1_ps(row[k]), _mm256_loadu_ps(powers + k * SL_LANES)));
        _mm256_storeu_ps(scratch + m * SL_LANES, acc);
    }
    ptrdiff_t m = 0;
    if (frames == SL_LANES) {
        for (; m + 8 <= mels; m += 8) {
            __m256 r[8];
            for (int i = 0; i < 8; i++) r[i] = _mm256_loadu_ps(scratch + (m + i) * SL_LANES);
            sl_transpose8(r);
            for (int j = 0; j < 8; j++) _mm256_storeu_ps(out + j * mels + m, r[j]);
        }
    }
    for (ptrdiff_t j = 0; j < frames; j++)
        for (ptrdiff_t b = m; b < mels; b++) out[j * mels + b] = scratch[b * SL_LANES + j];
}
#else
void sl_mel_sums_avx2(const float *powers, const float *weights, const int *starts, const int *counts,
                      ptrdiff_t bins, ptrdiff_t mels, ptrdiff_t frames, float *scratch, float *out) {
    sl_mel_sums_portable(powers, weights, starts, counts, bins, mels, frames, scratch, out);
}
#endif
