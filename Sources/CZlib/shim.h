#ifndef TEXTO_CZLIB_SHIM_H
#define TEXTO_CZLIB_SHIM_H

#include <zlib.h>

// `inflateInit2` is a macro that Swift cannot call; wrap it.
// windowBits -15: raw deflate, as zip entries store it (no zlib header).
static inline int texto_inflate_init_raw(z_streamp stream) {
    return inflateInit2(stream, -15);
}

// `deflateInit2` is a macro too. windowBits -15: raw deflate, as zip
// entries store it; memLevel 8 and the default strategy, as `deflateInit`.
static inline int texto_deflate_init_raw(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}

#endif
