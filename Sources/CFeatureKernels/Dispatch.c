#include "FeatureKernels.h"
#include "Kernels.h"

// Chosen once; a test may flip it to compare both paths while other threads run kernels, so it is read and
// written atomically (either path gives the same bits, so a flip mid-batch changes no result).
static int selected = -1;

static int cpu_has_avx2(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
#else
    return 0;
#endif
}

int sl_kernels_use_avx2(void) {
    int s = __atomic_load_n(&selected, __ATOMIC_RELAXED);
    if (s < 0) {
        s = cpu_has_avx2();
        __atomic_store_n(&selected, s, __ATOMIC_RELAXED);
    }
    return s;
}

void sl_kernels_select(int use_avx2) { __atomic_store_n(&selected, use_avx2 && cpu_has_avx2(), __ATOMIC_RELAXED); }

void sl_window(const float *src, const double *window, double *dst, ptrdiff_t n) {
    if (sl_kernels_use_avx2()) sl_window_avx2(src, window, dst, n); else sl_window_portable(src, window, dst, n);
}

void sl_window_i16(const int16_t *src, const double *window, double *dst, ptrdiff_t n) {
    if (sl_kernels_use_avx2()) sl_window_i16_avx2(src, window, dst, n); else sl_window_i16_portable(src, window, dst, n);
}

void sl_power(const double *spectrum, float *out, ptrdiff_t bins) {
    if (sl_kernels_use_avx2()) sl_power_avx2(spectrum, out, bins); else sl_power_portable(spectrum, out, bins);
}

void sl_interleave(const float *rows, ptrdiff_t bins, float *out) {
    if (sl_kernels_use_avx2()) sl_interleave_avx2(rows, bins, out); else sl_interleave_portable(rows, bins, out);
}

void sl_mel_sums(const float *powers, const float *weights, const int *starts, const int *counts,
                 ptrdiff_t bins, ptrdiff_t mels, ptrdiff_t frames, float *scratch, float *out) {
    if (sl_kernels_use_avx2()) sl_mel_sums_avx2(powers, weights, starts, counts, bins, mels, frames, scratch, out);
    else sl_mel_sums_portable(powers, weights, starts, counts, bins, mels, frames, scratch, out);
}

float sl_power_to_db(float *x, ptrdiff_t n, float amin) {
    return sl_kernels_use_avx2() ? sl_power_to_db_avx2(x, n, amin) : sl_power_to_db_portable(x, n, amin);
}

void sl_clip_below(float *x, ptrdiff_t n, float floor) {
    for (ptrdiff_t i = 0; i < n; i++) x[i] = x[i] > floor ? x[i] : floor;
}
