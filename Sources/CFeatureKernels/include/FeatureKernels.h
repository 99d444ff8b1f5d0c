// Per-frame loops of the log-mel front end, in C because Swift cannot compile one function for AVX2
// and keep a baseline fallback. Each kernel has a portable version and an AVX2 version that give
// the same bits (no FMA, no reassociation), chosen once by CPU check.
#ifndef SOUNDLAB_FEATURE_KERNELS_H
#define SOUNDLAB_FEATURE_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Frames per mel batch: power spectra of this many frames are interleaved bin by bin.
#define SL_LANES 8

/// dst[i] = (double)src[i] * window[i] for i < n.
void sl_window(const float *src, const double *window, double *dst, ptrdiff_t n);

/// The same from 16-bit PCM: dst[i] = ((double)src[i] * 2^-15) * window[i], the bits of decoding to float first.
void sl_window_i16(const int16_t *src, const double *window, double *dst, ptrdiff_t n);

/// out[k] = re*re + im*im of the k-th complex double of `spectrum`, each part rounded to float first.
void sl_power(const double *spectrum, float *out, ptrdiff_t bins);

/// Interleaves SL_LANES rows of `bins` floats (row j at rows + j*bins) bin-major: out[k*SL_LANES + j].
void sl_interleave(const float *rows, ptrdiff_t bins, float *out);

/// Mel sums for SL_LANES frames: band m sums weights[m*bins + k] * powers[k*SL_LANES + j] over
/// k in [starts[m], starts[m]+counts[m]) in ascending k from zero; frame j < frames lands at out[j*mels + m].
/// `scratch` holds mels * SL_LANES floats.
void sl_mel_sums(const float *powers, const float *weights, const int *starts, const int *counts,
                 ptrdiff_t bins, ptrdiff_t mels, ptrdiff_t frames, float *scratch, float *out);

/// x[i] = 10*log10(max(amin, x[i])) in place (Cephes' log10f polynomial, about 1 ulp); returns the largest result.
float sl_power_to_db(float *x, ptrdiff_t n, float amin);

/// x[i] = max(x[i], floor) in place (librosa's top_db clipping).
void sl_clip_below(float *x, ptrdiff_t n, float floor);

/// 1 when the AVX2 versions run, 0 for the portable ones.
int sl_kernels_use_avx2(void);

/// Forces the portable versions (use_avx2 = 0) or the CPU's best (1); for tests that compare both.
void sl_kernels_select(int use_avx2);

#endif
