// Eight frames' power rows interleaved bin by bin, so a mel band sums eight frames per vector op.
#include "Kernels.h"
#include "FeatureKernels.h"
#include "Transpose8.h"

void sl_interleave_portable(const float *rows, ptrdiff_t bins, float *out) {
    for (ptrdiff_t k = 0; k < bins; k++)
        for (int j = 0; j < SL_LANES; j++) out[k * SL_LANES + j] = rows[j * bins + k];
}

#if defined(__x86_64__)
__attribute__((target("avx2")))
void sl_interleave_avx2(const float *rows, ptrdiff_t bins, float *out) {
    ptrdiff_t k = 0;
    for (; k + 8 <= bins; k += 8) {
        __m256 r[8];
        for (int j = 0; j < 8; j++) r[j] = _mm256_loadu_ps(rows + j * bins + k);
        sl_transpose8(r);
        for (int i = 0; i < 8; i++) _mm256_storeu_ps(out + (k + i) * SL_LANES, r[i]);
    }
    for (; k < bins; k++)
        for (int j = 0; j < SL_LANES; j++) out[k * SL_LANES + j] = rows[j * bins + k];
}
#else
void sl_interleave_avx2(const float *rows, ptrdiff_t bins, float *out) { sl_interleave_portable(rows, bins, out); }
#endif
