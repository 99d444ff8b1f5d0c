// The two versions of each kernel; Dispatch.c picks one. Not part of the module's public header.
#ifndef SOUNDLAB_KERNELS_INTERNAL_H
#define SOUNDLAB_KERNELS_INTERNAL_H
#include <stddef.h>
#include <stdint.h>

void sl_window_portable(const float *src, const double *window, double *dst, ptrdiff_t n);
void sl_window_avx2(const float *src, const double *window, double *dst, ptrdiff_t n);
void sl_window_i16_portable(const int16_t *src, const double *window, double *dst, ptrdiff_t n);
void sl_window_i16_avx2(const int16_t *src, const double *window, double *dst, ptrdiff_t n);
void sl_power_portable(const double *spectrum, float *out, ptrdiff_t bins);
void sl_power_avx2(const double *spectrum, float *out, ptrdiff_t bins);
void sl_interleave_portable(const float *rows, ptrdiff_t bins, float *out);
void sl_interleave_avx2(const float *rows, ptrdiff_t bins, float *out);
void sl_mel_sums_portable(const float *powers, const float *weights, const int *starts, const int *counts,
                          ptrdiff_t bins, ptrdiff_t mels, ptrdiff_t frames, float *scratch, float *out);
void sl_mel_sums_avx2(const float *powers, const float *weights, const int *starts, const int *counts,
                      ptrdiff_t bins, ptrdiff_t mels, ptrdiff_t frames, float *scratch, float *out);
float sl_power_to_db_portable(float *x, ptrdiff_t n, float amin);
float sl_power_to_db_avx2(float *x, ptrdiff_t n, float amin);

#endif
