#!/usr/bin/env node
import './sourcemap-register.cjs';import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 668:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

(function(nacl) {
'use strict';

// Ported in 2014 by Dmitry Chestnykh and Devi Mandiri.
// Public domain.
//
// Implementation derived from TweetNaCl version 20140427.
// See for details: http://tweetnacl.cr.yp.to/

var gf = function(init) {
  var i, r = new Float64Array(16);
  if (init) for (i = 0; i < init.length; i++) r[i] = init[i];
  return r;
};

//  Pluggable, initialized in high-level API below.
var randombytes = function(/* x, n */) { throw new Error('no PRNG'); };

var _0 = new Uint8Array(16);
var _9 = new Uint8Array(32); _9[0] = 9;

var gf0 = gf(),
    gf1 = gf([1]),
    _121665 = gf([0xdb41, 1]),
    D = gf([0x78a3, 0x1359, 0x4dca, 0x75eb, 0xd8ab, 0x4141, 0x0a4d, 0x0070, 0xe898, 0x7779, 0x4079, 0x8cc7, 0xfe73, 0x2b6f, 0x6cee, 0x5203]),
    D2 = gf([0xf159, 0x26b2, 0x9b94, 0xebd6, 0xb156, 0x8283, 0x149a, 0x00e0, 0xd130, 0xeef3, 0x80f2, 0x198e, 0xfce7, 0x56df, 0xd9dc, 0x2406]),
    X = gf([0xd51a, 0x8f25, 0x2d60, 0xc956, 0xa7b2, 0x9525, 0xc760, 0x692c, 0xdc5c, 0xfdd6, 0xe231, 0xc0a4, 0x53fe, 0xcd6e, 0x36d3, 0x2169]),
    Y = gf([0x6658, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666]),
    I = gf([0xa0b0, 0x4a0e, 0x1b27, 0xc4ee, 0xe478, 0xad2f, 0x1806, 0x2f43, 0xd7a7, 0x3dfb, 0x0099, 0x2b4d, 0xdf0b, 0x4fc1, 0x2480, 0x2b83]);

function ts64(x, i, h, l) {
  x[i]   = (h >> 24) & 0xff;
  x[i+1] = (h >> 16) & 0xff;
  x[i+2] = (h >>  8) & 0xff;
  x[i+3] = h & 0xff;
  x[i+4] = (l >> 24)  & 0xff;
  x[i+5] = (l >> 16)  & 0xff;
  x[i+6] = (l >>  8)  & 0xff;
  x[i+7] = l & 0xff;
}

function vn(x, xi, y, yi, n) {
  var i,d = 0;
  for (i = 0; i < n; i++) d |= x[xi+i]^y[yi+i];
  return (1 & ((d - 1) >>> 8)) - 1;
}

function crypto_verify_16(x, xi, y, yi) {
  return vn(x,xi,y,yi,16);
}

function crypto_verify_32(x, xi, y, yi) {
  return vn(x,xi,y,yi,32);
}

function core_salsa20(o, p, k, c) {
  var j0  = c[ 0] & 0xff | (c[ 1] & 0xff)<<8 | (c[ 2] & 0xff)<<16 | (c[ 3] & 0xff)<<24,
      j1  = k[ 0] & 0xff | (k[ 1] & 0xff)<<8 | (k[ 2] & 0xff)<<16 | (k[ 3] & 0xff)<<24,
      j2  = k[ 4] & 0xff | (k[ 5] & 0xff)<<8 | (k[ 6] & 0xff)<<16 | (k[ 7] & 0xff)<<24,
      j3  = k[ 8] & 0xff | (k[ 9] & 0xff)<<8 | (k[10] & 0xff)<<16 | (k[11] & 0xff)<<24,
      j4  = k[12] & 0xff | (k[13] & 0xff)<<8 | (k[14] & 0xff)<<16 | (k[15] & 0xff)<<24,
      j5  = c[ 4] & 0xff | (c[ 5] & 0xff)<<8 | (c[ 6] & 0xff)<<16 | (c[ 7] & 0xff)<<24,
      j6  = p[ 0] & 0xff | (p[ 1] & 0xff)<<8 | (p[ 2] & 0xff)<<16 | (p[ 3] & 0xff)<<24,
      j7  = p[ 4] & 0xff | (p[ 5] & 0xff)<<8 | (p[ 6] & 0xff)<<16 | (p[ 7] & 0xff)<<24,
      j8  = p[ 8] & 0xff | (p[ 9] & 0xff)<<8 | (p[10] & 0xff)<<16 | (p[11] & 0xff)<<24,
      j9  = p[12] & 0xff | (p[13] & 0xff)<<8 | (p[14] & 0xff)<<16 | (p[15] & 0xff)<<24,
      j10 = c[ 8] & 0xff | (c[ 9] & 0xff)<<8 | (c[10] & 0xff)<<16 | (c[11] & 0xff)<<24,
      j11 = k[16] & 0xff | (k[17] & 0xff)<<8 | (k[18] & 0xff)<<16 | (k[19] & 0xff)<<24,
      j12 = k[20] & 0xff | (k[21] & 0xff)<<8 | (k[22] & 0xff)<<16 | (k[23] & 0xff)<<24,
      j13 = k[24] & 0xff | (k[25] & 0xff)<<8 | (k[26] & 0xff)<<16 | (k[27] & 0xff)<<24,
      j14 = k[28] & 0xff | (k[29] & 0xff)<<8 | (k[30] & 0xff)<<16 | (k[31] & 0xff)<<24,
      j15 = c[12] & 0xff | (c[13] & 0xff)<<8 | (c[14] & 0xff)<<16 | (c[15] & 0xff)<<24;

  var x0 = j0, x1 = j1, x2 = j2, x3 = j3, x4 = j4, x5 = j5, x6 = j6, x7 = j7,
      x8 = j8, x9 = j9, x10 = j10, x11 = j11, x12 = j12, x13 = j13, x14 = j14,
      x15 = j15, u;

  for (var i = 0; i < 20; i += 2) {
    u = x0 + x12 | 0;
    x4 ^= u<<7 | u>>>(32-7);
    u = x4 + x0 | 0;
    x8 ^= u<<9 | u>>>(32-9);
    u = x8 + x4 | 0;
    x12 ^= u<<13 | u>>>(32-13);
    u = x12 + x8 | 0;
    x0 ^= u<<18 | u>>>(32-18);

    u = x5 + x1 | 0;
    x9 ^= u<<7 | u>>>(32-7);
    u = x9 + x5 | 0;
    x13 ^= u<<9 | u>>>(32-9);
    u = x13 + x9 | 0;
    x1 ^= u<<13 | u>>>(32-13);
    u = x1 + x13 | 0;
    x5 ^= u<<18 | u>>>(32-18);

    u = x10 + x6 | 0;
    x14 ^= u<<7 | u>>>(32-7);
    u = x14 + x10 | 0;
    x2 ^= u<<9 | u>>>(32-9);
    u = x2 + x14 | 0;
    x6 ^= u<<13 | u>>>(32-13);
    u = x6 + x2 | 0;
    x10 ^= u<<18 | u>>>(32-18);

    u = x15 + x11 | 0;
    x3 ^= u<<7 | u>>>(32-7);
    u = x3 + x15 | 0;
    x7 ^= u<<9 | u>>>(32-9);
    u = x7 + x3 | 0;
    x11 ^= u<<13 | u>>>(32-13);
    u = x11 + x7 | 0;
    x15 ^= u<<18 | u>>>(32-18);

    u = x0 + x3 | 0;
    x1 ^= u<<7 | u>>>(32-7);
    u = x1 + x0 | 0;
    x2 ^= u<<9 | u>>>(32-9);
    u = x2 + x1 | 0;
    x3 ^= u<<13 | u>>>(32-13);
    u = x3 + x2 | 0;
    x0 ^= u<<18 | u>>>(32-18);

    u = x5 + x4 | 0;
    x6 ^= u<<7 | u>>>(32-7);
    u = x6 + x5 | 0;
    x7 ^= u<<9 | u>>>(32-9);
    u = x7 + x6 | 0;
    x4 ^= u<<13 | u>>>(32-13);
    u = x4 + x7 | 0;
    x5 ^= u<<18 | u>>>(32-18);

    u = x10 + x9 | 0;
    x11 ^= u<<7 | u>>>(32-7);
    u = x11 + x10 | 0;
    x8 ^= u<<9 | u>>>(32-9);
    u = x8 + x11 | 0;
    x9 ^= u<<13 | u>>>(32-13);
    u = x9 + x8 | 0;
    x10 ^= u<<18 | u>>>(32-18);

    u = x15 + x14 | 0;
    x12 ^= u<<7 | u>>>(32-7);
    u = x12 + x15 | 0;
    x13 ^= u<<9 | u>>>(32-9);
    u = x13 + x12 | 0;
    x14 ^= u<<13 | u>>>(32-13);
    u = x14 + x13 | 0;
    x15 ^= u<<18 | u>>>(32-18);
  }
   x0 =  x0 +  j0 | 0;
   x1 =  x1 +  j1 | 0;
   x2 =  x2 +  j2 | 0;
   x3 =  x3 +  j3 | 0;
   x4 =  x4 +  j4 | 0;
   x5 =  x5 +  j5 | 0;
   x6 =  x6 +  j6 | 0;
   x7 =  x7 +  j7 | 0;
   x8 =  x8 +  j8 | 0;
   x9 =  x9 +  j9 | 0;
  x10 = x10 + j10 | 0;
  x11 = x11 + j11 | 0;
  x12 = x12 + j12 | 0;
  x13 = x13 + j13 | 0;
  x14 = x14 + j14 | 0;
  x15 = x15 + j15 | 0;

  o[ 0] = x0 >>>  0 & 0xff;
  o[ 1] = x0 >>>  8 & 0xff;
  o[ 2] = x0 >>> 16 & 0xff;
  o[ 3] = x0 >>> 24 & 0xff;

  o[ 4] = x1 >>>  0 & 0xff;
  o[ 5] = x1 >>>  8 & 0xff;
  o[ 6] = x1 >>> 16 & 0xff;
  o[ 7] = x1 >>> 24 & 0xff;

  o[ 8] = x2 >>>  0 & 0xff;
  o[ 9] = x2 >>>  8 & 0xff;
  o[10] = x2 >>> 16 & 0xff;
  o[11] = x2 >>> 24 & 0xff;

  o[12] = x3 >>>  0 & 0xff;
  o[13] = x3 >>>  8 & 0xff;
  o[14] = x3 >>> 16 & 0xff;
  o[15] = x3 >>> 24 & 0xff;

  o[16] = x4 >>>  0 & 0xff;
  o[17] = x4 >>>  8 & 0xff;
  o[18] = x4 >>> 16 & 0xff;
  o[19] = x4 >>> 24 & 0xff;

  o[20] = x5 >>>  0 & 0xff;
  o[21] = x5 >>>  8 & 0xff;
  o[22] = x5 >>> 16 & 0xff;
  o[23] = x5 >>> 24 & 0xff;

  o[24] = x6 >>>  0 & 0xff;
  o[25] = x6 >>>  8 & 0xff;
  o[26] = x6 >>> 16 & 0xff;
  o[27] = x6 >>> 24 & 0xff;

  o[28] = x7 >>>  0 & 0xff;
  o[29] = x7 >>>  8 & 0xff;
  o[30] = x7 >>> 16 & 0xff;
  o[31] = x7 >>> 24 & 0xff;

  o[32] = x8 >>>  0 & 0xff;
  o[33] = x8 >>>  8 & 0xff;
  o[34] = x8 >>> 16 & 0xff;
  o[35] = x8 >>> 24 & 0xff;

  o[36] = x9 >>>  0 & 0xff;
  o[37] = x9 >>>  8 & 0xff;
  o[38] = x9 >>> 16 & 0xff;
  o[39] = x9 >>> 24 & 0xff;

  o[40] = x10 >>>  0 & 0xff;
  o[41] = x10 >>>  8 & 0xff;
  o[42] = x10 >>> 16 & 0xff;
  o[43] = x10 >>> 24 & 0xff;

  o[44] = x11 >>>  0 & 0xff;
  o[45] = x11 >>>  8 & 0xff;
  o[46] = x11 >>> 16 & 0xff;
  o[47] = x11 >>> 24 & 0xff;

  o[48] = x12 >>>  0 & 0xff;
  o[49] = x12 >>>  8 & 0xff;
  o[50] = x12 >>> 16 & 0xff;
  o[51] = x12 >>> 24 & 0xff;

  o[52] = x13 >>>  0 & 0xff;
  o[53] = x13 >>>  8 & 0xff;
  o[54] = x13 >>> 16 & 0xff;
  o[55] = x13 >>> 24 & 0xff;

  o[56] = x14 >>>  0 & 0xff;
  o[57] = x14 >>>  8 & 0xff;
  o[58] = x14 >>> 16 & 0xff;
  o[59] = x14 >>> 24 & 0xff;

  o[60] = x15 >>>  0 & 0xff;
  o[61] = x15 >>>  8 & 0xff;
  o[62] = x15 >>> 16 & 0xff;
  o[63] = x15 >>> 24 & 0xff;
}

function core_hsalsa20(o,p,k,c) {
  var j0  = c[ 0] & 0xff | (c[ 1] & 0xff)<<8 | (c[ 2] & 0xff)<<16 | (c[ 3] & 0xff)<<24,
      j1  = k[ 0] & 0xff | (k[ 1] & 0xff)<<8 | (k[ 2] & 0xff)<<16 | (k[ 3] & 0xff)<<24,
      j2  = k[ 4] & 0xff | (k[ 5] & 0xff)<<8 | (k[ 6] & 0xff)<<16 | (k[ 7] & 0xff)<<24,
      j3  = k[ 8] & 0xff | (k[ 9] & 0xff)<<8 | (k[10] & 0xff)<<16 | (k[11] & 0xff)<<24,
      j4  = k[12] & 0xff | (k[13] & 0xff)<<8 | (k[14] & 0xff)<<16 | (k[15] & 0xff)<<24,
      j5  = c[ 4] & 0xff | (c[ 5] & 0xff)<<8 | (c[ 6] & 0xff)<<16 | (c[ 7] & 0xff)<<24,
      j6  = p[ 0] & 0xff | (p[ 1] & 0xff)<<8 | (p[ 2] & 0xff)<<16 | (p[ 3] & 0xff)<<24,
      j7  = p[ 4] & 0xff | (p[ 5] & 0xff)<<8 | (p[ 6] & 0xff)<<16 | (p[ 7] & 0xff)<<24,
      j8  = p[ 8] & 0xff | (p[ 9] & 0xff)<<8 | (p[10] & 0xff)<<16 | (p[11] & 0xff)<<24,
      j9  = p[12] & 0xff | (p[13] & 0xff)<<8 | (p[14] & 0xff)<<16 | (p[15] & 0xff)<<24,
      j10 = c[ 8] & 0xff | (c[ 9] & 0xff)<<8 | (c[10] & 0xff)<<16 | (c[11] & 0xff)<<24,
      j11 = k[16] & 0xff | (k[17] & 0xff)<<8 | (k[18] & 0xff)<<16 | (k[19] & 0xff)<<24,
      j12 = k[20] & 0xff | (k[21] & 0xff)<<8 | (k[22] & 0xff)<<16 | (k[23] & 0xff)<<24,
      j13 = k[24] & 0xff | (k[25] & 0xff)<<8 | (k[26] & 0xff)<<16 | (k[27] & 0xff)<<24,
      j14 = k[28] & 0xff | (k[29] & 0xff)<<8 | (k[30] & 0xff)<<16 | (k[31] & 0xff)<<24,
      j15 = c[12] & 0xff | (c[13] & 0xff)<<8 | (c[14] & 0xff)<<16 | (c[15] & 0xff)<<24;

  var x0 = j0, x1 = j1, x2 = j2, x3 = j3, x4 = j4, x5 = j5, x6 = j6, x7 = j7,
      x8 = j8, x9 = j9, x10 = j10, x11 = j11, x12 = j12, x13 = j13, x14 = j14,
      x15 = j15, u;

  for (var i = 0; i < 20; i += 2) {
    u = x0 + x12 | 0;
    x4 ^= u<<7 | u>>>(32-7);
    u = x4 + x0 | 0;
    x8 ^= u<<9 | u>>>(32-9);
    u = x8 + x4 | 0;
    x12 ^= u<<13 | u>>>(32-13);
    u = x12 + x8 | 0;
    x0 ^= u<<18 | u>>>(32-18);

    u = x5 + x1 | 0;
    x9 ^= u<<7 | u>>>(32-7);
    u = x9 + x5 | 0;
    x13 ^= u<<9 | u>>>(32-9);
    u = x13 + x9 | 0;
    x1 ^= u<<13 | u>>>(32-13);
    u = x1 + x13 | 0;
    x5 ^= u<<18 | u>>>(32-18);

    u = x10 + x6 | 0;
    x14 ^= u<<7 | u>>>(32-7);
    u = x14 + x10 | 0;
    x2 ^= u<<9 | u>>>(32-9);
    u = x2 + x14 | 0;
    x6 ^= u<<13 | u>>>(32-13);
    u = x6 + x2 | 0;
    x10 ^= u<<18 | u>>>(32-18);

    u = x15 + x11 | 0;
    x3 ^= u<<7 | u>>>(32-7);
    u = x3 + x15 | 0;
    x7 ^= u<<9 | u>>>(32-9);
    u = x7 + x3 | 0;
    x11 ^= u<<13 | u>>>(32-13);
    u = x11 + x7 | 0;
    x15 ^= u<<18 | u>>>(32-18);

    u = x0 + x3 | 0;
    x1 ^= u<<7 | u>>>(32-7);
    u = x1 + x0 | 0;
    x2 ^= u<<9 | u>>>(32-9);
    u = x2 + x1 | 0;
    x3 ^= u<<13 | u>>>(32-13);
    u = x3 + x2 | 0;
    x0 ^= u<<18 | u>>>(32-18);

    u = x5 + x4 | 0;
    x6 ^= u<<7 | u>>>(32-7);
    u = x6 + x5 | 0;
    x7 ^= u<<9 | u>>>(32-9);
    u = x7 + x6 | 0;
    x4 ^= u<<13 | u>>>(32-13);
    u = x4 + x7 | 0;
    x5 ^= u<<18 | u>>>(32-18);

    u = x10 + x9 | 0;
    x11 ^= u<<7 | u>>>(32-7);
    u = x11 + x10 | 0;
    x8 ^= u<<9 | u>>>(32-9);
    u = x8 + x11 | 0;
    x9 ^= u<<13 | u>>>(32-13);
    u = x9 + x8 | 0;
    x10 ^= u<<18 | u>>>(32-18);

    u = x15 + x14 | 0;
    x12 ^= u<<7 | u>>>(32-7);
    u = x12 + x15 | 0;
    x13 ^= u<<9 | u>>>(32-9);
    u = x13 + x12 | 0;
    x14 ^= u<<13 | u>>>(32-13);
    u = x14 + x13 | 0;
    x15 ^= u<<18 | u>>>(32-18);
  }

  o[ 0] = x0 >>>  0 & 0xff;
  o[ 1] = x0 >>>  8 & 0xff;
  o[ 2] = x0 >>> 16 & 0xff;
  o[ 3] = x0 >>> 24 & 0xff;

  o[ 4] = x5 >>>  0 & 0xff;
  o[ 5] = x5 >>>  8 & 0xff;
  o[ 6] = x5 >>> 16 & 0xff;
  o[ 7] = x5 >>> 24 & 0xff;

  o[ 8] = x10 >>>  0 & 0xff;
  o[ 9] = x10 >>>  8 & 0xff;
  o[10] = x10 >>> 16 & 0xff;
  o[11] = x10 >>> 24 & 0xff;

  o[12] = x15 >>>  0 & 0xff;
  o[13] = x15 >>>  8 & 0xff;
  o[14] = x15 >>> 16 & 0xff;
  o[15] = x15 >>> 24 & 0xff;

  o[16] = x6 >>>  0 & 0xff;
  o[17] = x6 >>>  8 & 0xff;
  o[18] = x6 >>> 16 & 0xff;
  o[19] = x6 >>> 24 & 0xff;

  o[20] = x7 >>>  0 & 0xff;
  o[21] = x7 >>>  8 & 0xff;
  o[22] = x7 >>> 16 & 0xff;
  o[23] = x7 >>> 24 & 0xff;

  o[24] = x8 >>>  0 & 0xff;
  o[25] = x8 >>>  8 & 0xff;
  o[26] = x8 >>> 16 & 0xff;
  o[27] = x8 >>> 24 & 0xff;

  o[28] = x9 >>>  0 & 0xff;
  o[29] = x9 >>>  8 & 0xff;
  o[30] = x9 >>> 16 & 0xff;
  o[31] = x9 >>> 24 & 0xff;
}

function crypto_core_salsa20(out,inp,k,c) {
  core_salsa20(out,inp,k,c);
}

function crypto_core_hsalsa20(out,inp,k,c) {
  core_hsalsa20(out,inp,k,c);
}

var sigma = new Uint8Array([101, 120, 112, 97, 110, 100, 32, 51, 50, 45, 98, 121, 116, 101, 32, 107]);
            // "expand 32-byte k"

function crypto_stream_salsa20_xor(c,cpos,m,mpos,b,n,k) {
  var z = new Uint8Array(16), x = new Uint8Array(64);
  var u, i;
  for (i = 0; i < 16; i++) z[i] = 0;
  for (i = 0; i < 8; i++) z[i] = n[i];
  while (b >= 64) {
    crypto_core_salsa20(x,z,k,sigma);
    for (i = 0; i < 64; i++) c[cpos+i] = m[mpos+i] ^ x[i];
    u = 1;
    for (i = 8; i < 16; i++) {
      u = u + (z[i] & 0xff) | 0;
      z[i] = u & 0xff;
      u >>>= 8;
    }
    b -= 64;
    cpos += 64;
    mpos += 64;
  }
  if (b > 0) {
    crypto_core_salsa20(x,z,k,sigma);
    for (i = 0; i < b; i++) c[cpos+i] = m[mpos+i] ^ x[i];
  }
  return 0;
}

function crypto_stream_salsa20(c,cpos,b,n,k) {
  var z = new Uint8Array(16), x = new Uint8Array(64);
  var u, i;
  for (i = 0; i < 16; i++) z[i] = 0;
  for (i = 0; i < 8; i++) z[i] = n[i];
  while (b >= 64) {
    crypto_core_salsa20(x,z,k,sigma);
    for (i = 0; i < 64; i++) c[cpos+i] = x[i];
    u = 1;
    for (i = 8; i < 16; i++) {
      u = u + (z[i] & 0xff) | 0;
      z[i] = u & 0xff;
      u >>>= 8;
    }
    b -= 64;
    cpos += 64;
  }
  if (b > 0) {
    crypto_core_salsa20(x,z,k,sigma);
    for (i = 0; i < b; i++) c[cpos+i] = x[i];
  }
  return 0;
}

function crypto_stream(c,cpos,d,n,k) {
  var s = new Uint8Array(32);
  crypto_core_hsalsa20(s,n,k,sigma);
  var sn = new Uint8Array(8);
  for (var i = 0; i < 8; i++) sn[i] = n[i+16];
  return crypto_stream_salsa20(c,cpos,d,sn,s);
}

function crypto_stream_xor(c,cpos,m,mpos,d,n,k) {
  var s = new Uint8Array(32);
  crypto_core_hsalsa20(s,n,k,sigma);
  var sn = new Uint8Array(8);
  for (var i = 0; i < 8; i++) sn[i] = n[i+16];
  return crypto_stream_salsa20_xor(c,cpos,m,mpos,d,sn,s);
}

/*
* Port of Andrew Moon's Poly1305-donna-16. Public domain.
* https://github.com/floodyberry/poly1305-donna
*/

var poly1305 = function(key) {
  this.buffer = new Uint8Array(16);
  this.r = new Uint16Array(10);
  this.h = new Uint16Array(10);
  this.pad = new Uint16Array(8);
  this.leftover = 0;
  this.fin = 0;

  var t0, t1, t2, t3, t4, t5, t6, t7;

  t0 = key[ 0] & 0xff | (key[ 1] & 0xff) << 8; this.r[0] = ( t0                     ) & 0x1fff;
  t1 = key[ 2] & 0xff | (key[ 3] & 0xff) << 8; this.r[1] = ((t0 >>> 13) | (t1 <<  3)) & 0x1fff;
  t2 = key[ 4] & 0xff | (key[ 5] & 0xff) << 8; this.r[2] = ((t1 >>> 10) | (t2 <<  6)) & 0x1f03;
  t3 = key[ 6] & 0xff | (key[ 7] & 0xff) << 8; this.r[3] = ((t2 >>>  7) | (t3 <<  9)) & 0x1fff;
  t4 = key[ 8] & 0xff | (key[ 9] & 0xff) << 8; this.r[4] = ((t3 >>>  4) | (t4 << 12)) & 0x00ff;
  this.r[5] = ((t4 >>>  1)) & 0x1ffe;
  t5 = key[10] & 0xff | (key[11] & 0xff) << 8; this.r[6] = ((t4 >>> 14) | (t5 <<  2)) & 0x1fff;
  t6 = key[12] & 0xff | (key[13] & 0xff) << 8; this.r[7] = ((t5 >>> 11) | (t6 <<  5)) & 0x1f81;
  t7 = key[14] & 0xff | (key[15] & 0xff) << 8; this.r[8] = ((t6 >>>  8) | (t7 <<  8)) & 0x1fff;
  this.r[9] = ((t7 >>>  5)) & 0x007f;

  this.pad[0] = key[16] & 0xff | (key[17] & 0xff) << 8;
  this.pad[1] = key[18] & 0xff | (key[19] & 0xff) << 8;
  this.pad[2] = key[20] & 0xff | (key[21] & 0xff) << 8;
  this.pad[3] = key[22] & 0xff | (key[23] & 0xff) << 8;
  this.pad[4] = key[24] & 0xff | (key[25] & 0xff) << 8;
  this.pad[5] = key[26] & 0xff | (key[27] & 0xff) << 8;
  this.pad[6] = key[28] & 0xff | (key[29] & 0xff) << 8;
  this.pad[7] = key[30] & 0xff | (key[31] & 0xff) << 8;
};

poly1305.prototype.blocks = function(m, mpos, bytes) {
  var hibit = this.fin ? 0 : (1 << 11);
  var t0, t1, t2, t3, t4, t5, t6, t7, c;
  var d0, d1, d2, d3, d4, d5, d6, d7, d8, d9;

  var h0 = this.h[0],
      h1 = this.h[1],
      h2 = this.h[2],
      h3 = this.h[3],
      h4 = this.h[4],
      h5 = this.h[5],
      h6 = this.h[6],
      h7 = this.h[7],
      h8 = this.h[8],
      h9 = this.h[9];

  var r0 = this.r[0],
      r1 = this.r[1],
      r2 = this.r[2],
      r3 = this.r[3],
      r4 = this.r[4],
      r5 = this.r[5],
      r6 = this.r[6],
      r7 = this.r[7],
      r8 = this.r[8],
      r9 = this.r[9];

  while (bytes >= 16) {
    t0 = m[mpos+ 0] & 0xff | (m[mpos+ 1] & 0xff) << 8; h0 += ( t0                     ) & 0x1fff;
    t1 = m[mpos+ 2] & 0xff | (m[mpos+ 3] & 0xff) << 8; h1 += ((t0 >>> 13) | (t1 <<  3)) & 0x1fff;
    t2 = m[mpos+ 4] & 0xff | (m[mpos+ 5] & 0xff) << 8; h2 += ((t1 >>> 10) | (t2 <<  6)) & 0x1fff;
    t3 = m[mpos+ 6] & 0xff | (m[mpos+ 7] & 0xff) << 8; h3 += ((t2 >>>  7) | (t3 <<  9)) & 0x1fff;
    t4 = m[mpos+ 8] & 0xff | (m[mpos+ 9] & 0xff) << 8; h4 += ((t3 >>>  4) | (t4 << 12)) & 0x1fff;
    h5 += ((t4 >>>  1)) & 0x1fff;
    t5 = m[mpos+10] & 0xff | (m[mpos+11] & 0xff) << 8; h6 += ((t4 >>> 14) | (t5 <<  2)) & 0x1fff;
    t6 = m[mpos+12] & 0xff | (m[mpos+13] & 0xff) << 8; h7 += ((t5 >>> 11) | (t6 <<  5)) & 0x1fff;
    t7 = m[mpos+14] & 0xff | (m[mpos+15] & 0xff) << 8; h8 += ((t6 >>>  8) | (t7 <<  8)) & 0x1fff;
    h9 += ((t7 >>> 5)) | hibit;

    c = 0;

    d0 = c;
    d0 += h0 * r0;
    d0 += h1 * (5 * r9);
    d0 += h2 * (5 * r8);
    d0 += h3 * (5 * r7);
    d0 += h4 * (5 * r6);
    c = (d0 >>> 13); d0 &= 0x1fff;
    d0 += h5 * (5 * r5);
    d0 += h6 * (5 * r4);
    d0 += h7 * (5 * r3);
    d0 += h8 * (5 * r2);
    d0 += h9 * (5 * r1);
    c += (d0 >>> 13); d0 &= 0x1fff;

    d1 = c;
    d1 += h0 * r1;
    d1 += h1 * r0;
    d1 += h2 * (5 * r9);
    d1 += h3 * (5 * r8);
    d1 += h4 * (5 * r7);
    c = (d1 >>> 13); d1 &= 0x1fff;
    d1 += h5 * (5 * r6);
    d1 += h6 * (5 * r5);
    d1 += h7 * (5 * r4);
    d1 += h8 * (5 * r3);
    d1 += h9 * (5 * r2);
    c += (d1 >>> 13); d1 &= 0x1fff;

    d2 = c;
    d2 += h0 * r2;
    d2 += h1 * r1;
    d2 += h2 * r0;
    d2 += h3 * (5 * r9);
    d2 += h4 * (5 * r8);
    c = (d2 >>> 13); d2 &= 0x1fff;
    d2 += h5 * (5 * r7);
    d2 += h6 * (5 * r6);
    d2 += h7 * (5 * r5);
    d2 += h8 * (5 * r4);
    d2 += h9 * (5 * r3);
    c += (d2 >>> 13); d2 &= 0x1fff;

    d3 = c;
    d3 += h0 * r3;
    d3 += h1 * r2;
    d3 += h2 * r1;
    d3 += h3 * r0;
    d3 += h4 * (5 * r9);
    c = (d3 >>> 13); d3 &= 0x1fff;
    d3 += h5 * (5 * r8);
    d3 += h6 * (5 * r7);
    d3 += h7 * (5 * r6);
    d3 += h8 * (5 * r5);
    d3 += h9 * (5 * r4);
    c += (d3 >>> 13); d3 &= 0x1fff;

    d4 = c;
    d4 += h0 * r4;
    d4 += h1 * r3;
    d4 += h2 * r2;
    d4 += h3 * r1;
    d4 += h4 * r0;
    c = (d4 >>> 13); d4 &= 0x1fff;
    d4 += h5 * (5 * r9);
    d4 += h6 * (5 * r8);
    d4 += h7 * (5 * r7);
    d4 += h8 * (5 * r6);
    d4 += h9 * (5 * r5);
    c += (d4 >>> 13); d4 &= 0x1fff;

    d5 = c;
    d5 += h0 * r5;
    d5 += h1 * r4;
    d5 += h2 * r3;
    d5 += h3 * r2;
    d5 += h4 * r1;
    c = (d5 >>> 13); d5 &= 0x1fff;
    d5 += h5 * r0;
    d5 += h6 * (5 * r9);
    d5 += h7 * (5 * r8);
    d5 += h8 * (5 * r7);
    d5 += h9 * (5 * r6);
    c += (d5 >>> 13); d5 &= 0x1fff;

    d6 = c;
    d6 += h0 * r6;
    d6 += h1 * r5;
    d6 += h2 * r4;
    d6 += h3 * r3;
    d6 += h4 * r2;
    c = (d6 >>> 13); d6 &= 0x1fff;
    d6 += h5 * r1;
    d6 += h6 * r0;
    d6 += h7 * (5 * r9);
    d6 += h8 * (5 * r8);
    d6 += h9 * (5 * r7);
    c += (d6 >>> 13); d6 &= 0x1fff;

    d7 = c;
    d7 += h0 * r7;
    d7 += h1 * r6;
    d7 += h2 * r5;
    d7 += h3 * r4;
    d7 += h4 * r3;
    c = (d7 >>> 13); d7 &= 0x1fff;
    d7 += h5 * r2;
    d7 += h6 * r1;
    d7 += h7 * r0;
    d7 += h8 * (5 * r9);
    d7 += h9 * (5 * r8);
    c += (d7 >>> 13); d7 &= 0x1fff;

    d8 = c;
    d8 += h0 * r8;
    d8 += h1 * r7;
    d8 += h2 * r6;
    d8 += h3 * r5;
    d8 += h4 * r4;
    c = (d8 >>> 13); d8 &= 0x1fff;
    d8 += h5 * r3;
    d8 += h6 * r2;
    d8 += h7 * r1;
    d8 += h8 * r0;
    d8 += h9 * (5 * r9);
    c += (d8 >>> 13); d8 &= 0x1fff;

    d9 = c;
    d9 += h0 * r9;
    d9 += h1 * r8;
    d9 += h2 * r7;
    d9 += h3 * r6;
    d9 += h4 * r5;
    c = (d9 >>> 13); d9 &= 0x1fff;
    d9 += h5 * r4;
    d9 += h6 * r3;
    d9 += h7 * r2;
    d9 += h8 * r1;
    d9 += h9 * r0;
    c += (d9 >>> 13); d9 &= 0x1fff;

    c = (((c << 2) + c)) | 0;
    c = (c + d0) | 0;
    d0 = c & 0x1fff;
    c = (c >>> 13);
    d1 += c;

    h0 = d0;
    h1 = d1;
    h2 = d2;
    h3 = d3;
    h4 = d4;
    h5 = d5;
    h6 = d6;
    h7 = d7;
    h8 = d8;
    h9 = d9;

    mpos += 16;
    bytes -= 16;
  }
  this.h[0] = h0;
  this.h[1] = h1;
  this.h[2] = h2;
  this.h[3] = h3;
  this.h[4] = h4;
  this.h[5] = h5;
  this.h[6] = h6;
  this.h[7] = h7;
  this.h[8] = h8;
  this.h[9] = h9;
};

poly1305.prototype.finish = function(mac, macpos) {
  var g = new Uint16Array(10);
  var c, mask, f, i;

  if (this.leftover) {
    i = this.leftover;
    this.buffer[i++] = 1;
    for (; i < 16; i++) this.buffer[i] = 0;
    this.fin = 1;
    this.blocks(this.buffer, 0, 16);
  }

  c = this.h[1] >>> 13;
  this.h[1] &= 0x1fff;
  for (i = 2; i < 10; i++) {
    this.h[i] += c;
    c = this.h[i] >>> 13;
    this.h[i] &= 0x1fff;
  }
  this.h[0] += (c * 5);
  c = this.h[0] >>> 13;
  this.h[0] &= 0x1fff;
  this.h[1] += c;
  c = this.h[1] >>> 13;
  this.h[1] &= 0x1fff;
  this.h[2] += c;

  g[0] = this.h[0] + 5;
  c = g[0] >>> 13;
  g[0] &= 0x1fff;
  for (i = 1; i < 10; i++) {
    g[i] = this.h[i] + c;
    c = g[i] >>> 13;
    g[i] &= 0x1fff;
  }
  g[9] -= (1 << 13);

  mask = (c ^ 1) - 1;
  for (i = 0; i < 10; i++) g[i] &= mask;
  mask = ~mask;
  for (i = 0; i < 10; i++) this.h[i] = (this.h[i] & mask) | g[i];

  this.h[0] = ((this.h[0]       ) | (this.h[1] << 13)                    ) & 0xffff;
  this.h[1] = ((this.h[1] >>>  3) | (this.h[2] << 10)                    ) & 0xffff;
  this.h[2] = ((this.h[2] >>>  6) | (this.h[3] <<  7)                    ) & 0xffff;
  this.h[3] = ((this.h[3] >>>  9) | (this.h[4] <<  4)                    ) & 0xffff;
  this.h[4] = ((this.h[4] >>> 12) | (this.h[5] <<  1) | (this.h[6] << 14)) & 0xffff;
  this.h[5] = ((this.h[6] >>>  2) | (this.h[7] << 11)                    ) & 0xffff;
  this.h[6] = ((this.h[7] >>>  5) | (this.h[8] <<  8)                    ) & 0xffff;
  this.h[7] = ((this.h[8] >>>  8) | (this.h[9] <<  5)                    ) & 0xffff;

  f = this.h[0] + this.pad[0];
  this.h[0] = f & 0xffff;
  for (i = 1; i < 8; i++) {
    f = (((this.h[i] + this.pad[i]) | 0) + (f >>> 16)) | 0;
    this.h[i] = f & 0xffff;
  }

  mac[macpos+ 0] = (this.h[0] >>> 0) & 0xff;
  mac[macpos+ 1] = (this.h[0] >>> 8) & 0xff;
  mac[macpos+ 2] = (this.h[1] >>> 0) & 0xff;
  mac[macpos+ 3] = (this.h[1] >>> 8) & 0xff;
  mac[macpos+ 4] = (this.h[2] >>> 0) & 0xff;
  mac[macpos+ 5] = (this.h[2] >>> 8) & 0xff;
  mac[macpos+ 6] = (this.h[3] >>> 0) & 0xff;
  mac[macpos+ 7] = (this.h[3] >>> 8) & 0xff;
  mac[macpos+ 8] = (this.h[4] >>> 0) & 0xff;
  mac[macpos+ 9] = (this.h[4] >>> 8) & 0xff;
  mac[macpos+10] = (this.h[5] >>> 0) & 0xff;
  mac[macpos+11] = (this.h[5] >>> 8) & 0xff;
  mac[macpos+12] = (this.h[6] >>> 0) & 0xff;
  mac[macpos+13] = (this.h[6] >>> 8) & 0xff;
  mac[macpos+14] = (this.h[7] >>> 0) & 0xff;
  mac[macpos+15] = (this.h[7] >>> 8) & 0xff;
};

poly1305.prototype.update = function(m, mpos, bytes) {
  var i, want;

  if (this.leftover) {
    want = (16 - this.leftover);
    if (want > bytes)
      want = bytes;
    for (i = 0; i < want; i++)
      this.buffer[this.leftover + i] = m[mpos+i];
    bytes -= want;
    mpos += want;
    this.leftover += want;
    if (this.leftover < 16)
      return;
    this.blocks(this.buffer, 0, 16);
    this.leftover = 0;
  }

  if (bytes >= 16) {
    want = bytes - (bytes % 16);
    this.blocks(m, mpos, want);
    mpos += want;
    bytes -= want;
  }

  if (bytes) {
    for (i = 0; i < bytes; i++)
      this.buffer[this.leftover + i] = m[mpos+i];
    this.leftover += bytes;
  }
};

function crypto_onetimeauth(out, outpos, m, mpos, n, k) {
  var s = new poly1305(k);
  s.update(m, mpos, n);
  s.finish(out, outpos);
  return 0;
}

function crypto_onetimeauth_verify(h, hpos, m, mpos, n, k) {
  var x = new Uint8Array(16);
  crypto_onetimeauth(x,0,m,mpos,n,k);
  return crypto_verify_16(h,hpos,x,0);
}

function crypto_secretbox(c,m,d,n,k) {
  var i;
  if (d < 32) return -1;
  crypto_stream_xor(c,0,m,0,d,n,k);
  crypto_onetimeauth(c, 16, c, 32, d - 32, c);
  for (i = 0; i < 16; i++) c[i] = 0;
  return 0;
}

function crypto_secretbox_open(m,c,d,n,k) {
  var i;
  var x = new Uint8Array(32);
  if (d < 32) return -1;
  crypto_stream(x,0,32,n,k);
  if (crypto_onetimeauth_verify(c, 16,c, 32,d - 32,x) !== 0) return -1;
  crypto_stream_xor(m,0,c,0,d,n,k);
  for (i = 0; i < 32; i++) m[i] = 0;
  return 0;
}

function set25519(r, a) {
  var i;
  for (i = 0; i < 16; i++) r[i] = a[i]|0;
}

function car25519(o) {
  var i, v, c = 1;
  for (i = 0; i < 16; i++) {
    v = o[i] + c + 65535;
    c = Math.floor(v / 65536);
    o[i] = v - c * 65536;
  }
  o[0] += c-1 + 37 * (c-1);
}

function sel25519(p, q, b) {
  var t, c = ~(b-1);
  for (var i = 0; i < 16; i++) {
    t = c & (p[i] ^ q[i]);
    p[i] ^= t;
    q[i] ^= t;
  }
}

function pack25519(o, n) {
  var i, j, b;
  var m = gf(), t = gf();
  for (i = 0; i < 16; i++) t[i] = n[i];
  car25519(t);
  car25519(t);
  car25519(t);
  for (j = 0; j < 2; j++) {
    m[0] = t[0] - 0xffed;
    for (i = 1; i < 15; i++) {
      m[i] = t[i] - 0xffff - ((m[i-1]>>16) & 1);
      m[i-1] &= 0xffff;
    }
    m[15] = t[15] - 0x7fff - ((m[14]>>16) & 1);
    b = (m[15]>>16) & 1;
    m[14] &= 0xffff;
    sel25519(t, m, 1-b);
  }
  for (i = 0; i < 16; i++) {
    o[2*i] = t[i] & 0xff;
    o[2*i+1] = t[i]>>8;
  }
}

function neq25519(a, b) {
  var c = new Uint8Array(32), d = new Uint8Array(32);
  pack25519(c, a);
  pack25519(d, b);
  return crypto_verify_32(c, 0, d, 0);
}

function par25519(a) {
  var d = new Uint8Array(32);
  pack25519(d, a);
  return d[0] & 1;
}

function unpack25519(o, n) {
  var i;
  for (i = 0; i < 16; i++) o[i] = n[2*i] + (n[2*i+1] << 8);
  o[15] &= 0x7fff;
}

function A(o, a, b) {
  for (var i = 0; i < 16; i++) o[i] = a[i] + b[i];
}

function Z(o, a, b) {
  for (var i = 0; i < 16; i++) o[i] = a[i] - b[i];
}

function M(o, a, b) {
  var v, c,
     t0 = 0,  t1 = 0,  t2 = 0,  t3 = 0,  t4 = 0,  t5 = 0,  t6 = 0,  t7 = 0,
     t8 = 0,  t9 = 0, t10 = 0, t11 = 0, t12 = 0, t13 = 0, t14 = 0, t15 = 0,
    t16 = 0, t17 = 0, t18 = 0, t19 = 0, t20 = 0, t21 = 0, t22 = 0, t23 = 0,
    t24 = 0, t25 = 0, t26 = 0, t27 = 0, t28 = 0, t29 = 0, t30 = 0,
    b0 = b[0],
    b1 = b[1],
    b2 = b[2],
    b3 = b[3],
    b4 = b[4],
    b5 = b[5],
    b6 = b[6],
    b7 = b[7],
    b8 = b[8],
    b9 = b[9],
    b10 = b[10],
    b11 = b[11],
    b12 = b[12],
    b13 = b[13],
    b14 = b[14],
    b15 = b[15];

  v = a[0];
  t0 += v * b0;
  t1 += v * b1;
  t2 += v * b2;
  t3 += v * b3;
  t4 += v * b4;
  t5 += v * b5;
  t6 += v * b6;
  t7 += v * b7;
  t8 += v * b8;
  t9 += v * b9;
  t10 += v * b10;
  t11 += v * b11;
  t12 += v * b12;
  t13 += v * b13;
  t14 += v * b14;
  t15 += v * b15;
  v = a[1];
  t1 += v * b0;
  t2 += v * b1;
  t3 += v * b2;
  t4 += v * b3;
  t5 += v * b4;
  t6 += v * b5;
  t7 += v * b6;
  t8 += v * b7;
  t9 += v * b8;
  t10 += v * b9;
  t11 += v * b10;
  t12 += v * b11;
  t13 += v * b12;
  t14 += v * b13;
  t15 += v * b14;
  t16 += v * b15;
  v = a[2];
  t2 += v * b0;
  t3 += v * b1;
  t4 += v * b2;
  t5 += v * b3;
  t6 += v * b4;
  t7 += v * b5;
  t8 += v * b6;
  t9 += v * b7;
  t10 += v * b8;
  t11 += v * b9;
  t12 += v * b10;
  t13 += v * b11;
  t14 += v * b12;
  t15 += v * b13;
  t16 += v * b14;
  t17 += v * b15;
  v = a[3];
  t3 += v * b0;
  t4 += v * b1;
  t5 += v * b2;
  t6 += v * b3;
  t7 += v * b4;
  t8 += v * b5;
  t9 += v * b6;
  t10 += v * b7;
  t11 += v * b8;
  t12 += v * b9;
  t13 += v * b10;
  t14 += v * b11;
  t15 += v * b12;
  t16 += v * b13;
  t17 += v * b14;
  t18 += v * b15;
  v = a[4];
  t4 += v * b0;
  t5 += v * b1;
  t6 += v * b2;
  t7 += v * b3;
  t8 += v * b4;
  t9 += v * b5;
  t10 += v * b6;
  t11 += v * b7;
  t12 += v * b8;
  t13 += v * b9;
  t14 += v * b10;
  t15 += v * b11;
  t16 += v * b12;
  t17 += v * b13;
  t18 += v * b14;
  t19 += v * b15;
  v = a[5];
  t5 += v * b0;
  t6 += v * b1;
  t7 += v * b2;
  t8 += v * b3;
  t9 += v * b4;
  t10 += v * b5;
  t11 += v * b6;
  t12 += v * b7;
  t13 += v * b8;
  t14 += v * b9;
  t15 += v * b10;
  t16 += v * b11;
  t17 += v * b12;
  t18 += v * b13;
  t19 += v * b14;
  t20 += v * b15;
  v = a[6];
  t6 += v * b0;
  t7 += v * b1;
  t8 += v * b2;
  t9 += v * b3;
  t10 += v * b4;
  t11 += v * b5;
  t12 += v * b6;
  t13 += v * b7;
  t14 += v * b8;
  t15 += v * b9;
  t16 += v * b10;
  t17 += v * b11;
  t18 += v * b12;
  t19 += v * b13;
  t20 += v * b14;
  t21 += v * b15;
  v = a[7];
  t7 += v * b0;
  t8 += v * b1;
  t9 += v * b2;
  t10 += v * b3;
  t11 += v * b4;
  t12 += v * b5;
  t13 += v * b6;
  t14 += v * b7;
  t15 += v * b8;
  t16 += v * b9;
  t17 += v * b10;
  t18 += v * b11;
  t19 += v * b12;
  t20 += v * b13;
  t21 += v * b14;
  t22 += v * b15;
  v = a[8];
  t8 += v * b0;
  t9 += v * b1;
  t10 += v * b2;
  t11 += v * b3;
  t12 += v * b4;
  t13 += v * b5;
  t14 += v * b6;
  t15 += v * b7;
  t16 += v * b8;
  t17 += v * b9;
  t18 += v * b10;
  t19 += v * b11;
  t20 += v * b12;
  t21 += v * b13;
  t22 += v * b14;
  t23 += v * b15;
  v = a[9];
  t9 += v * b0;
  t10 += v * b1;
  t11 += v * b2;
  t12 += v * b3;
  t13 += v * b4;
  t14 += v * b5;
  t15 += v * b6;
  t16 += v * b7;
  t17 += v * b8;
  t18 += v * b9;
  t19 += v * b10;
  t20 += v * b11;
  t21 += v * b12;
  t22 += v * b13;
  t23 += v * b14;
  t24 += v * b15;
  v = a[10];
  t10 += v * b0;
  t11 += v * b1;
  t12 += v * b2;
  t13 += v * b3;
  t14 += v * b4;
  t15 += v * b5;
  t16 += v * b6;
  t17 += v * b7;
  t18 += v * b8;
  t19 += v * b9;
  t20 += v * b10;
  t21 += v * b11;
  t22 += v * b12;
  t23 += v * b13;
  t24 += v * b14;
  t25 += v * b15;
  v = a[11];
  t11 += v * b0;
  t12 += v * b1;
  t13 += v * b2;
  t14 += v * b3;
  t15 += v * b4;
  t16 += v * b5;
  t17 += v * b6;
  t18 += v * b7;
  t19 += v * b8;
  t20 += v * b9;
  t21 += v * b10;
  t22 += v * b11;
  t23 += v * b12;
  t24 += v * b13;
  t25 += v * b14;
  t26 += v * b15;
  v = a[12];
  t12 += v * b0;
  t13 += v * b1;
  t14 += v * b2;
  t15 += v * b3;
  t16 += v * b4;
  t17 += v * b5;
  t18 += v * b6;
  t19 += v * b7;
  t20 += v * b8;
  t21 += v * b9;
  t22 += v * b10;
  t23 += v * b11;
  t24 += v * b12;
  t25 += v * b13;
  t26 += v * b14;
  t27 += v * b15;
  v = a[13];
  t13 += v * b0;
  t14 += v * b1;
  t15 += v * b2;
  t16 += v * b3;
  t17 += v * b4;
  t18 += v * b5;
  t19 += v * b6;
  t20 += v * b7;
  t21 += v * b8;
  t22 += v * b9;
  t23 += v * b10;
  t24 += v * b11;
  t25 += v * b12;
  t26 += v * b13;
  t27 += v * b14;
  t28 += v * b15;
  v = a[14];
  t14 += v * b0;
  t15 += v * b1;
  t16 += v * b2;
  t17 += v * b3;
  t18 += v * b4;
  t19 += v * b5;
  t20 += v * b6;
  t21 += v * b7;
  t22 += v * b8;
  t23 += v * b9;
  t24 += v * b10;
  t25 += v * b11;
  t26 += v * b12;
  t27 += v * b13;
  t28 += v * b14;
  t29 += v * b15;
  v = a[15];
  t15 += v * b0;
  t16 += v * b1;
  t17 += v * b2;
  t18 += v * b3;
  t19 += v * b4;
  t20 += v * b5;
  t21 += v * b6;
  t22 += v * b7;
  t23 += v * b8;
  t24 += v * b9;
  t25 += v * b10;
  t26 += v * b11;
  t27 += v * b12;
  t28 += v * b13;
  t29 += v * b14;
  t30 += v * b15;

  t0  += 38 * t16;
  t1  += 38 * t17;
  t2  += 38 * t18;
  t3  += 38 * t19;
  t4  += 38 * t20;
  t5  += 38 * t21;
  t6  += 38 * t22;
  t7  += 38 * t23;
  t8  += 38 * t24;
  t9  += 38 * t25;
  t10 += 38 * t26;
  t11 += 38 * t27;
  t12 += 38 * t28;
  t13 += 38 * t29;
  t14 += 38 * t30;
  // t15 left as is

  // first car
  c = 1;
  v =  t0 + c + 65535; c = Math.floor(v / 65536);  t0 = v - c * 65536;
  v =  t1 + c + 65535; c = Math.floor(v / 65536);  t1 = v - c * 65536;
  v =  t2 + c + 65535; c = Math.floor(v / 65536);  t2 = v - c * 65536;
  v =  t3 + c + 65535; c = Math.floor(v / 65536);  t3 = v - c * 65536;
  v =  t4 + c + 65535; c = Math.floor(v / 65536);  t4 = v - c * 65536;
  v =  t5 + c + 65535; c = Math.floor(v / 65536);  t5 = v - c * 65536;
  v =  t6 + c + 65535; c = Math.floor(v / 65536);  t6 = v - c * 65536;
  v =  t7 + c + 65535; c = Math.floor(v / 65536);  t7 = v - c * 65536;
  v =  t8 + c + 65535; c = Math.floor(v / 65536);  t8 = v - c * 65536;
  v =  t9 + c + 65535; c = Math.floor(v / 65536);  t9 = v - c * 65536;
  v = t10 + c + 65535; c = Math.floor(v / 65536); t10 = v - c * 65536;
  v = t11 + c + 65535; c = Math.floor(v / 65536); t11 = v - c * 65536;
  v = t12 + c + 65535; c = Math.floor(v / 65536); t12 = v - c * 65536;
  v = t13 + c + 65535; c = Math.floor(v / 65536); t13 = v - c * 65536;
  v = t14 + c + 65535; c = Math.floor(v / 65536); t14 = v - c * 65536;
  v = t15 + c + 65535; c = Math.floor(v / 65536); t15 = v - c * 65536;
  t0 += c-1 + 37 * (c-1);

  // second car
  c = 1;
  v =  t0 + c + 65535; c = Math.floor(v / 65536);  t0 = v - c * 65536;
  v =  t1 + c + 65535; c = Math.floor(v / 65536);  t1 = v - c * 65536;
  v =  t2 + c + 65535; c = Math.floor(v / 65536);  t2 = v - c * 65536;
  v =  t3 + c + 65535; c = Math.floor(v / 65536);  t3 = v - c * 65536;
  v =  t4 + c + 65535; c = Math.floor(v / 65536);  t4 = v - c * 65536;
  v =  t5 + c + 65535; c = Math.floor(v / 65536);  t5 = v - c * 65536;
  v =  t6 + c + 65535; c = Math.floor(v / 65536);  t6 = v - c * 65536;
  v =  t7 + c + 65535; c = Math.floor(v / 65536);  t7 = v - c * 65536;
  v =  t8 + c + 65535; c = Math.floor(v / 65536);  t8 = v - c * 65536;
  v =  t9 + c + 65535; c = Math.floor(v / 65536);  t9 = v - c * 65536;
  v = t10 + c + 65535; c = Math.floor(v / 65536); t10 = v - c * 65536;
  v = t11 + c + 65535; c = Math.floor(v / 65536); t11 = v - c * 65536;
  v = t12 + c + 65535; c = Math.floor(v / 65536); t12 = v - c * 65536;
  v = t13 + c + 65535; c = Math.floor(v / 65536); t13 = v - c * 65536;
  v = t14 + c + 65535; c = Math.floor(v / 65536); t14 = v - c * 65536;
  v = t15 + c + 65535; c = Math.floor(v / 65536); t15 = v - c * 65536;
  t0 += c-1 + 37 * (c-1);

  o[ 0] = t0;
  o[ 1] = t1;
  o[ 2] = t2;
  o[ 3] = t3;
  o[ 4] = t4;
  o[ 5] = t5;
  o[ 6] = t6;
  o[ 7] = t7;
  o[ 8] = t8;
  o[ 9] = t9;
  o[10] = t10;
  o[11] = t11;
  o[12] = t12;
  o[13] = t13;
  o[14] = t14;
  o[15] = t15;
}

function S(o, a) {
  M(o, a, a);
}

function inv25519(o, i) {
  var c = gf();
  var a;
  for (a = 0; a < 16; a++) c[a] = i[a];
  for (a = 253; a >= 0; a--) {
    S(c, c);
    if(a !== 2 && a !== 4) M(c, c, i);
  }
  for (a = 0; a < 16; a++) o[a] = c[a];
}

function pow2523(o, i) {
  var c = gf();
  var a;
  for (a = 0; a < 16; a++) c[a] = i[a];
  for (a = 250; a >= 0; a--) {
      S(c, c);
      if(a !== 1) M(c, c, i);
  }
  for (a = 0; a < 16; a++) o[a] = c[a];
}

function crypto_scalarmult(q, n, p) {
  var z = new Uint8Array(32);
  var x = new Float64Array(80), r, i;
  var a = gf(), b = gf(), c = gf(),
      d = gf(), e = gf(), f = gf();
  for (i = 0; i < 31; i++) z[i] = n[i];
  z[31]=(n[31]&127)|64;
  z[0]&=248;
  unpack25519(x,p);
  for (i = 0; i < 16; i++) {
    b[i]=x[i];
    d[i]=a[i]=c[i]=0;
  }
  a[0]=d[0]=1;
  for (i=254; i>=0; --i) {
    r=(z[i>>>3]>>>(i&7))&1;
    sel25519(a,b,r);
    sel25519(c,d,r);
    A(e,a,c);
    Z(a,a,c);
    A(c,b,d);
    Z(b,b,d);
    S(d,e);
    S(f,a);
    M(a,c,a);
    M(c,b,e);
    A(e,a,c);
    Z(a,a,c);
    S(b,a);
    Z(c,d,f);
    M(a,c,_121665);
    A(a,a,d);
    M(c,c,a);
    M(a,d,f);
    M(d,b,x);
    S(b,e);
    sel25519(a,b,r);
    sel25519(c,d,r);
  }
  for (i = 0; i < 16; i++) {
    x[i+16]=a[i];
    x[i+32]=c[i];
    x[i+48]=b[i];
    x[i+64]=d[i];
  }
  var x32 = x.subarray(32);
  var x16 = x.subarray(16);
  inv25519(x32,x32);
  M(x16,x16,x32);
  pack25519(q,x16);
  return 0;
}

function crypto_scalarmult_base(q, n) {
  return crypto_scalarmult(q, n, _9);
}

function crypto_box_keypair(y, x) {
  randombytes(x, 32);
  return crypto_scalarmult_base(y, x);
}

function crypto_box_beforenm(k, y, x) {
  var s = new Uint8Array(32);
  crypto_scalarmult(s, x, y);
  return crypto_core_hsalsa20(k, _0, s, sigma);
}

var crypto_box_afternm = crypto_secretbox;
var crypto_box_open_afternm = crypto_secretbox_open;

function crypto_box(c, m, d, n, y, x) {
  var k = new Uint8Array(32);
  crypto_box_beforenm(k, y, x);
  return crypto_box_afternm(c, m, d, n, k);
}

function crypto_box_open(m, c, d, n, y, x) {
  var k = new Uint8Array(32);
  crypto_box_beforenm(k, y, x);
  return crypto_box_open_afternm(m, c, d, n, k);
}

var K = [
  0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd,
  0xb5c0fbcf, 0xec4d3b2f, 0xe9b5dba5, 0x8189dbbc,
  0x3956c25b, 0xf348b538, 0x59f111f1, 0xb605d019,
  0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118,
  0xd807aa98, 0xa3030242, 0x12835b01, 0x45706fbe,
  0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2,
  0x72be5d74, 0xf27b896f, 0x80deb1fe, 0x3b1696b1,
  0x9bdc06a7, 0x25c71235, 0xc19bf174, 0xcf692694,
  0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3,
  0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65,
  0x2de92c6f, 0x592b0275, 0x4a7484aa, 0x6ea6e483,
  0x5cb0a9dc, 0xbd41fbd4, 0x76f988da, 0x831153b5,
  0x983e5152, 0xee66dfab, 0xa831c66d, 0x2db43210,
  0xb00327c8, 0x98fb213f, 0xbf597fc7, 0xbeef0ee4,
  0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725,
  0x06ca6351, 0xe003826f, 0x14292967, 0x0a0e6e70,
  0x27b70a85, 0x46d22ffc, 0x2e1b2138, 0x5c26c926,
  0x4d2c6dfc, 0x5ac42aed, 0x53380d13, 0x9d95b3df,
  0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8,
  0x81c2c92e, 0x47edaee6, 0x92722c85, 0x1482353b,
  0xa2bfe8a1, 0x4cf10364, 0xa81a664b, 0xbc423001,
  0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30,
  0xd192e819, 0xd6ef5218, 0xd6990624, 0x5565a910,
  0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8,
  0x19a4c116, 0xb8d2d0c8, 0x1e376c08, 0x5141ab53,
  0x2748774c, 0xdf8eeb99, 0x34b0bcb5, 0xe19b48a8,
  0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb,
  0x5b9cca4f, 0x7763e373, 0x682e6ff3, 0xd6b2b8a3,
  0x748f82ee, 0x5defb2fc, 0x78a5636f, 0x43172f60,
  0x84c87814, 0xa1f0ab72, 0x8cc70208, 0x1a6439ec,
  0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9,
  0xbef9a3f7, 0xb2c67915, 0xc67178f2, 0xe372532b,
  0xca273ece, 0xea26619c, 0xd186b8c7, 0x21c0c207,
  0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f, 0xee6ed178,
  0x06f067aa, 0x72176fba, 0x0a637dc5, 0xa2c898a6,
  0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b,
  0x28db77f5, 0x23047d84, 0x32caab7b, 0x40c72493,
  0x3c9ebe0a, 0x15c9bebc, 0x431d67c4, 0x9c100d4c,
  0x4cc5d4be, 0xcb3e42b6, 0x597f299c, 0xfc657e2a,
  0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817
];

function crypto_hashblocks_hl(hh, hl, m, n) {
  var wh = new Int32Array(16), wl = new Int32Array(16),
      bh0, bh1, bh2, bh3, bh4, bh5, bh6, bh7,
      bl0, bl1, bl2, bl3, bl4, bl5, bl6, bl7,
      th, tl, i, j, h, l, a, b, c, d;

  var ah0 = hh[0],
      ah1 = hh[1],
      ah2 = hh[2],
      ah3 = hh[3],
      ah4 = hh[4],
      ah5 = hh[5],
      ah6 = hh[6],
      ah7 = hh[7],

      al0 = hl[0],
      al1 = hl[1],
      al2 = hl[2],
      al3 = hl[3],
      al4 = hl[4],
      al5 = hl[5],
      al6 = hl[6],
      al7 = hl[7];

  var pos = 0;
  while (n >= 128) {
    for (i = 0; i < 16; i++) {
      j = 8 * i + pos;
      wh[i] = (m[j+0] << 24) | (m[j+1] << 16) | (m[j+2] << 8) | m[j+3];
      wl[i] = (m[j+4] << 24) | (m[j+5] << 16) | (m[j+6] << 8) | m[j+7];
    }
    for (i = 0; i < 80; i++) {
      bh0 = ah0;
      bh1 = ah1;
      bh2 = ah2;
      bh3 = ah3;
      bh4 = ah4;
      bh5 = ah5;
      bh6 = ah6;
      bh7 = ah7;

      bl0 = al0;
      bl1 = al1;
      bl2 = al2;
      bl3 = al3;
      bl4 = al4;
      bl5 = al5;
      bl6 = al6;
      bl7 = al7;

      // add
      h = ah7;
      l = al7;

      a = l & 0xffff; b = l >>> 16;
      c = h & 0xffff; d = h >>> 16;

      // Sigma1
      h = ((ah4 >>> 14) | (al4 << (32-14))) ^ ((ah4 >>> 18) | (al4 << (32-18))) ^ ((al4 >>> (41-32)) | (ah4 << (32-(41-32))));
      l = ((al4 >>> 14) | (ah4 << (32-14))) ^ ((al4 >>> 18) | (ah4 << (32-18))) ^ ((ah4 >>> (41-32)) | (al4 << (32-(41-32))));

      a += l & 0xffff; b += l >>> 16;
      c += h & 0xffff; d += h >>> 16;

      // Ch
      h = (ah4 & ah5) ^ (~ah4 & ah6);
      l = (al4 & al5) ^ (~al4 & al6);

      a += l & 0xffff; b += l >>> 16;
      c += h & 0xffff; d += h >>> 16;

      // K
      h = K[i*2];
      l = K[i*2+1];

      a += l & 0xffff; b += l >>> 16;
      c += h & 0xffff; d += h >>> 16;

      // w
      h = wh[i%16];
      l = wl[i%16];

      a += l & 0xffff; b += l >>> 16;
      c += h & 0xffff; d += h >>> 16;

      b += a >>> 16;
      c += b >>> 16;
      d += c >>> 16;

      th = c & 0xffff | d << 16;
      tl = a & 0xffff | b << 16;

      // add
      h = th;
      l = tl;

      a = l & 0xffff; b = l >>> 16;
      c = h & 0xffff; d = h >>> 16;

      // Sigma0
      h = ((ah0 >>> 28) | (al0 << (32-28))) ^ ((al0 >>> (34-32)) | (ah0 << (32-(34-32)))) ^ ((al0 >>> (39-32)) | (ah0 << (32-(39-32))));
      l = ((al0 >>> 28) | (ah0 << (32-28))) ^ ((ah0 >>> (34-32)) | (al0 << (32-(34-32)))) ^ ((ah0 >>> (39-32)) | (al0 << (32-(39-32))));

      a += l & 0xffff; b += l >>> 16;
      c += h & 0xffff; d += h >>> 16;

      // Maj
      h = (ah0 & ah1) ^ (ah0 & ah2) ^ (ah1 & ah2);
      l = (al0 & al1) ^ (al0 & al2) ^ (al1 & al2);

      a += l & 0xffff; b += l >>> 16;
      c += h & 0xffff; d += h >>> 16;

      b += a >>> 16;
      c += b >>> 16;
      d += c >>> 16;

      bh7 = (c & 0xffff) | (d << 16);
      bl7 = (a & 0xffff) | (b << 16);

      // add
      h = bh3;
      l = bl3;

      a = l & 0xffff; b = l >>> 16;
      c = h & 0xffff; d = h >>> 16;

      h = th;
      l = tl;

      a += l & 0xffff; b += l >>> 16;
      c += h & 0xffff; d += h >>> 16;

      b += a >>> 16;
      c += b >>> 16;
      d += c >>> 16;

      bh3 = (c & 0xffff) | (d << 16);
      bl3 = (a & 0xffff) | (b << 16);

      ah1 = bh0;
      ah2 = bh1;
      ah3 = bh2;
      ah4 = bh3;
      ah5 = bh4;
      ah6 = bh5;
      ah7 = bh6;
      ah0 = bh7;

      al1 = bl0;
      al2 = bl1;
      al3 = bl2;
      al4 = bl3;
      al5 = bl4;
      al6 = bl5;
      al7 = bl6;
      al0 = bl7;

      if (i%16 === 15) {
        for (j = 0; j < 16; j++) {
          // add
          h = wh[j];
          l = wl[j];

          a = l & 0xffff; b = l >>> 16;
          c = h & 0xffff; d = h >>> 16;

          h = wh[(j+9)%16];
          l = wl[(j+9)%16];

          a += l & 0xffff; b += l >>> 16;
          c += h & 0xffff; d += h >>> 16;

          // sigma0
          th = wh[(j+1)%16];
          tl = wl[(j+1)%16];
          h = ((th >>> 1) | (tl << (32-1))) ^ ((th >>> 8) | (tl << (32-8))) ^ (th >>> 7);
          l = ((tl >>> 1) | (th << (32-1))) ^ ((tl >>> 8) | (th << (32-8))) ^ ((tl >>> 7) | (th << (32-7)));

          a += l & 0xffff; b += l >>> 16;
          c += h & 0xffff; d += h >>> 16;

          // sigma1
          th = wh[(j+14)%16];
          tl = wl[(j+14)%16];
          h = ((th >>> 19) | (tl << (32-19))) ^ ((tl >>> (61-32)) | (th << (32-(61-32)))) ^ (th >>> 6);
          l = ((tl >>> 19) | (th << (32-19))) ^ ((th >>> (61-32)) | (tl << (32-(61-32)))) ^ ((tl >>> 6) | (th << (32-6)));

          a += l & 0xffff; b += l >>> 16;
          c += h & 0xffff; d += h >>> 16;

          b += a >>> 16;
          c += b >>> 16;
          d += c >>> 16;

          wh[j] = (c & 0xffff) | (d << 16);
          wl[j] = (a & 0xffff) | (b << 16);
        }
      }
    }

    // add
    h = ah0;
    l = al0;

    a = l & 0xffff; b = l >>> 16;
    c = h & 0xffff; d = h >>> 16;

    h = hh[0];
    l = hl[0];

    a += l & 0xffff; b += l >>> 16;
    c += h & 0xffff; d += h >>> 16;

    b += a >>> 16;
    c += b >>> 16;
    d += c >>> 16;

    hh[0] = ah0 = (c & 0xffff) | (d << 16);
    hl[0] = al0 = (a & 0xffff) | (b << 16);

    h = ah1;
    l = al1;

    a = l & 0xffff; b = l >>> 16;
    c = h & 0xffff; d = h >>> 16;

    h = hh[1];
    l = hl[1];

    a += l & 0xffff; b += l >>> 16;
    c += h & 0xffff; d += h >>> 16;

    b += a >>> 16;
    c += b >>> 16;
    d += c >>> 16;

    hh[1] = ah1 = (c & 0xffff) | (d << 16);
    hl[1] = al1 = (a & 0xffff) | (b << 16);

    h = ah2;
    l = al2;

    a = l & 0xffff; b = l >>> 16;
    c = h & 0xffff; d = h >>> 16;

    h = hh[2];
    l = hl[2];

    a += l & 0xffff; b += l >>> 16;
    c += h & 0xffff; d += h >>> 16;

    b += a >>> 16;
    c += b >>> 16;
    d += c >>> 16;

    hh[2] = ah2 = (c & 0xffff) | (d << 16);
    hl[2] = al2 = (a & 0xffff) | (b << 16);

    h = ah3;
    l = al3;

    a = l & 0xffff; b = l >>> 16;
    c = h & 0xffff; d = h >>> 16;

    h = hh[3];
    l = hl[3];

    a += l & 0xffff; b += l >>> 16;
    c += h & 0xffff; d += h >>> 16;

    b += a >>> 16;
    c += b >>> 16;
    d += c >>> 16;

    hh[3] = ah3 = (c & 0xffff) | (d << 16);
    hl[3] = al3 = (a & 0xffff) | (b << 16);

    h = ah4;
    l = al4;

    a = l & 0xffff; b = l >>> 16;
    c = h & 0xffff; d = h >>> 16;

    h = hh[4];
    l = hl[4];

    a += l & 0xffff; b += l >>> 16;
    c += h & 0xffff; d += h >>> 16;

    b += a >>> 16;
    c += b >>> 16;
    d += c >>> 16;

    hh[4] = ah4 = (c & 0xffff) | (d << 16);
    hl[4] = al4 = (a & 0xffff) | (b << 16);

    h = ah5;
    l = al5;

    a = l & 0xffff; b = l >>> 16;
    c = h & 0xffff; d = h >>> 16;

    h = hh[5];
    l = hl[5];

    a += l & 0xffff; b += l >>> 16;
    c += h & 0xffff; d += h >>> 16;

    b += a >>> 16;
    c += b >>> 16;
    d += c >>> 16;

    hh[5] = ah5 = (c & 0xffff) | (d << 16);
    hl[5] = al5 = (a & 0xffff) | (b << 16);

    h = ah6;
    l = al6;

    a = l & 0xffff; b = l >>> 16;
    c = h & 0xffff; d = h >>> 16;

    h = hh[6];
    l = hl[6];

    a += l & 0xffff; b += l >>> 16;
    c += h & 0xffff; d += h >>> 16;

    b += a >>> 16;
    c += b >>> 16;
    d += c >>> 16;

    hh[6] = ah6 = (c & 0xffff) | (d << 16);
    hl[6] = al6 = (a & 0xffff) | (b << 16);

    h = ah7;
    l = al7;

    a = l & 0xffff; b = l >>> 16;
    c = h & 0xffff; d = h >>> 16;

    h = hh[7];
    l = hl[7];

    a += l & 0xffff; b += l >>> 16;
    c += h & 0xffff; d += h >>> 16;

    b += a >>> 16;
    c += b >>> 16;
    d += c >>> 16;

    hh[7] = ah7 = (c & 0xffff) | (d << 16);
    hl[7] = al7 = (a & 0xffff) | (b << 16);

    pos += 128;
    n -= 128;
  }

  return n;
}

function crypto_hash(out, m, n) {
  var hh = new Int32Array(8),
      hl = new Int32Array(8),
      x = new Uint8Array(256),
      i, b = n;

  hh[0] = 0x6a09e667;
  hh[1] = 0xbb67ae85;
  hh[2] = 0x3c6ef372;
  hh[3] = 0xa54ff53a;
  hh[4] = 0x510e527f;
  hh[5] = 0x9b05688c;
  hh[6] = 0x1f83d9ab;
  hh[7] = 0x5be0cd19;

  hl[0] = 0xf3bcc908;
  hl[1] = 0x84caa73b;
  hl[2] = 0xfe94f82b;
  hl[3] = 0x5f1d36f1;
  hl[4] = 0xade682d1;
  hl[5] = 0x2b3e6c1f;
  hl[6] = 0xfb41bd6b;
  hl[7] = 0x137e2179;

  crypto_hashblocks_hl(hh, hl, m, n);
  n %= 128;

  for (i = 0; i < n; i++) x[i] = m[b-n+i];
  x[n] = 128;

  n = 256-128*(n<112?1:0);
  x[n-9] = 0;
  ts64(x, n-8,  (b / 0x20000000) | 0, b << 3);
  crypto_hashblocks_hl(hh, hl, x, n);

  for (i = 0; i < 8; i++) ts64(out, 8*i, hh[i], hl[i]);

  return 0;
}

function add(p, q) {
  var a = gf(), b = gf(), c = gf(),
      d = gf(), e = gf(), f = gf(),
      g = gf(), h = gf(), t = gf();

  Z(a, p[1], p[0]);
  Z(t, q[1], q[0]);
  M(a, a, t);
  A(b, p[0], p[1]);
  A(t, q[0], q[1]);
  M(b, b, t);
  M(c, p[3], q[3]);
  M(c, c, D2);
  M(d, p[2], q[2]);
  A(d, d, d);
  Z(e, b, a);
  Z(f, d, c);
  A(g, d, c);
  A(h, b, a);

  M(p[0], e, f);
  M(p[1], h, g);
  M(p[2], g, f);
  M(p[3], e, h);
}

function cswap(p, q, b) {
  var i;
  for (i = 0; i < 4; i++) {
    sel25519(p[i], q[i], b);
  }
}

function pack(r, p) {
  var tx = gf(), ty = gf(), zi = gf();
  inv25519(zi, p[2]);
  M(tx, p[0], zi);
  M(ty, p[1], zi);
  pack25519(r, ty);
  r[31] ^= par25519(tx) << 7;
}

function scalarmult(p, q, s) {
  var b, i;
  set25519(p[0], gf0);
  set25519(p[1], gf1);
  set25519(p[2], gf1);
  set25519(p[3], gf0);
  for (i = 255; i >= 0; --i) {
    b = (s[(i/8)|0] >> (i&7)) & 1;
    cswap(p, q, b);
    add(q, p);
    add(p, p);
    cswap(p, q, b);
  }
}

function scalarbase(p, s) {
  var q = [gf(), gf(), gf(), gf()];
  set25519(q[0], X);
  set25519(q[1], Y);
  set25519(q[2], gf1);
  M(q[3], X, Y);
  scalarmult(p, q, s);
}

function crypto_sign_keypair(pk, sk, seeded) {
  var d = new Uint8Array(64);
  var p = [gf(), gf(), gf(), gf()];
  var i;

  if (!seeded) randombytes(sk, 32);
  crypto_hash(d, sk, 32);
  d[0] &= 248;
  d[31] &= 127;
  d[31] |= 64;

  scalarbase(p, d);
  pack(pk, p);

  for (i = 0; i < 32; i++) sk[i+32] = pk[i];
  return 0;
}

var L = new Float64Array([0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10]);

function modL(r, x) {
  var carry, i, j, k;
  for (i = 63; i >= 32; --i) {
    carry = 0;
    for (j = i - 32, k = i - 12; j < k; ++j) {
      x[j] += carry - 16 * x[i] * L[j - (i - 32)];
      carry = Math.floor((x[j] + 128) / 256);
      x[j] -= carry * 256;
    }
    x[j] += carry;
    x[i] = 0;
  }
  carry = 0;
  for (j = 0; j < 32; j++) {
    x[j] += carry - (x[31] >> 4) * L[j];
    carry = x[j] >> 8;
    x[j] &= 255;
  }
  for (j = 0; j < 32; j++) x[j] -= carry * L[j];
  for (i = 0; i < 32; i++) {
    x[i+1] += x[i] >> 8;
    r[i] = x[i] & 255;
  }
}

function reduce(r) {
  var x = new Float64Array(64), i;
  for (i = 0; i < 64; i++) x[i] = r[i];
  for (i = 0; i < 64; i++) r[i] = 0;
  modL(r, x);
}

// Note: difference from C - smlen returned, not passed as argument.
function crypto_sign(sm, m, n, sk) {
  var d = new Uint8Array(64), h = new Uint8Array(64), r = new Uint8Array(64);
  var i, j, x = new Float64Array(64);
  var p = [gf(), gf(), gf(), gf()];

  crypto_hash(d, sk, 32);
  d[0] &= 248;
  d[31] &= 127;
  d[31] |= 64;

  var smlen = n + 64;
  for (i = 0; i < n; i++) sm[64 + i] = m[i];
  for (i = 0; i < 32; i++) sm[32 + i] = d[32 + i];

  crypto_hash(r, sm.subarray(32), n+32);
  reduce(r);
  scalarbase(p, r);
  pack(sm, p);

  for (i = 32; i < 64; i++) sm[i] = sk[i];
  crypto_hash(h, sm, n + 64);
  reduce(h);

  for (i = 0; i < 64; i++) x[i] = 0;
  for (i = 0; i < 32; i++) x[i] = r[i];
  for (i = 0; i < 32; i++) {
    for (j = 0; j < 32; j++) {
      x[i+j] += h[i] * d[j];
    }
  }

  modL(sm.subarray(32), x);
  return smlen;
}

function unpackneg(r, p) {
  var t = gf(), chk = gf(), num = gf(),
      den = gf(), den2 = gf(), den4 = gf(),
      den6 = gf();

  set25519(r[2], gf1);
  unpack25519(r[1], p);
  S(num, r[1]);
  M(den, num, D);
  Z(num, num, r[2]);
  A(den, r[2], den);

  S(den2, den);
  S(den4, den2);
  M(den6, den4, den2);
  M(t, den6, num);
  M(t, t, den);

  pow2523(t, t);
  M(t, t, num);
  M(t, t, den);
  M(t, t, den);
  M(r[0], t, den);

  S(chk, r[0]);
  M(chk, chk, den);
  if (neq25519(chk, num)) M(r[0], r[0], I);

  S(chk, r[0]);
  M(chk, chk, den);
  if (neq25519(chk, num)) return -1;

  if (par25519(r[0]) === (p[31]>>7)) Z(r[0], gf0, r[0]);

  M(r[3], r[0], r[1]);
  return 0;
}

function crypto_sign_open(m, sm, n, pk) {
  var i;
  var t = new Uint8Array(32), h = new Uint8Array(64);
  var p = [gf(), gf(), gf(), gf()],
      q = [gf(), gf(), gf(), gf()];

  if (n < 64) return -1;

  if (unpackneg(q, pk)) return -1;

  for (i = 0; i < n; i++) m[i] = sm[i];
  for (i = 0; i < 32; i++) m[i+32] = pk[i];
  crypto_hash(h, m, n);
  reduce(h);
  scalarmult(p, q, h);

  scalarbase(q, sm.subarray(32));
  add(p, q);
  pack(t, p);

  n -= 64;
  if (crypto_verify_32(sm, 0, t, 0)) {
    for (i = 0; i < n; i++) m[i] = 0;
    return -1;
  }

  for (i = 0; i < n; i++) m[i] = sm[i + 64];
  return n;
}

var crypto_secretbox_KEYBYTES = 32,
    crypto_secretbox_NONCEBYTES = 24,
    crypto_secretbox_ZEROBYTES = 32,
    crypto_secretbox_BOXZEROBYTES = 16,
    crypto_scalarmult_BYTES = 32,
    crypto_scalarmult_SCALARBYTES = 32,
    crypto_box_PUBLICKEYBYTES = 32,
    crypto_box_SECRETKEYBYTES = 32,
    crypto_box_BEFORENMBYTES = 32,
    crypto_box_NONCEBYTES = crypto_secretbox_NONCEBYTES,
    crypto_box_ZEROBYTES = crypto_secretbox_ZEROBYTES,
    crypto_box_BOXZEROBYTES = crypto_secretbox_BOXZEROBYTES,
    crypto_sign_BYTES = 64,
    crypto_sign_PUBLICKEYBYTES = 32,
    crypto_sign_SECRETKEYBYTES = 64,
    crypto_sign_SEEDBYTES = 32,
    crypto_hash_BYTES = 64;

nacl.lowlevel = {
  crypto_core_hsalsa20: crypto_core_hsalsa20,
  crypto_stream_xor: crypto_stream_xor,
  crypto_stream: crypto_stream,
  crypto_stream_salsa20_xor: crypto_stream_salsa20_xor,
  crypto_stream_salsa20: crypto_stream_salsa20,
  crypto_onetimeauth: crypto_onetimeauth,
  crypto_onetimeauth_verify: crypto_onetimeauth_verify,
  crypto_verify_16: crypto_verify_16,
  crypto_verify_32: crypto_verify_32,
  crypto_secretbox: crypto_secretbox,
  crypto_secretbox_open: crypto_secretbox_open,
  crypto_scalarmult: crypto_scalarmult,
  crypto_scalarmult_base: crypto_scalarmult_base,
  crypto_box_beforenm: crypto_box_beforenm,
  crypto_box_afternm: crypto_box_afternm,
  crypto_box: crypto_box,
  crypto_box_open: crypto_box_open,
  crypto_box_keypair: crypto_box_keypair,
  crypto_hash: crypto_hash,
  crypto_sign: crypto_sign,
  crypto_sign_keypair: crypto_sign_keypair,
  crypto_sign_open: crypto_sign_open,

  crypto_secretbox_KEYBYTES: crypto_secretbox_KEYBYTES,
  crypto_secretbox_NONCEBYTES: crypto_secretbox_NONCEBYTES,
  crypto_secretbox_ZEROBYTES: crypto_secretbox_ZEROBYTES,
  crypto_secretbox_BOXZEROBYTES: crypto_secretbox_BOXZEROBYTES,
  crypto_scalarmult_BYTES: crypto_scalarmult_BYTES,
  crypto_scalarmult_SCALARBYTES: crypto_scalarmult_SCALARBYTES,
  crypto_box_PUBLICKEYBYTES: crypto_box_PUBLICKEYBYTES,
  crypto_box_SECRETKEYBYTES: crypto_box_SECRETKEYBYTES,
  crypto_box_BEFORENMBYTES: crypto_box_BEFORENMBYTES,
  crypto_box_NONCEBYTES: crypto_box_NONCEBYTES,
  crypto_box_ZEROBYTES: crypto_box_ZEROBYTES,
  crypto_box_BOXZEROBYTES: crypto_box_BOXZEROBYTES,
  crypto_sign_BYTES: crypto_sign_BYTES,
  crypto_sign_PUBLICKEYBYTES: crypto_sign_PUBLICKEYBYTES,
  crypto_sign_SECRETKEYBYTES: crypto_sign_SECRETKEYBYTES,
  crypto_sign_SEEDBYTES: crypto_sign_SEEDBYTES,
  crypto_hash_BYTES: crypto_hash_BYTES,

  gf: gf,
  D: D,
  L: L,
  pack25519: pack25519,
  unpack25519: unpack25519,
  M: M,
  A: A,
  S: S,
  Z: Z,
  pow2523: pow2523,
  add: add,
  set25519: set25519,
  modL: modL,
  scalarmult: scalarmult,
  scalarbase: scalarbase,
};

/* High-level API */

function checkLengths(k, n) {
  if (k.length !== crypto_secretbox_KEYBYTES) throw new Error('bad key size');
  if (n.length !== crypto_secretbox_NONCEBYTES) throw new Error('bad nonce size');
}

function checkBoxLengths(pk, sk) {
  if (pk.length !== crypto_box_PUBLICKEYBYTES) throw new Error('bad public key size');
  if (sk.length !== crypto_box_SECRETKEYBYTES) throw new Error('bad secret key size');
}

function checkArrayTypes() {
  for (var i = 0; i < arguments.length; i++) {
    if (!(arguments[i] instanceof Uint8Array))
      throw new TypeError('unexpected type, use Uint8Array');
  }
}

function cleanup(arr) {
  for (var i = 0; i < arr.length; i++) arr[i] = 0;
}

nacl.randomBytes = function(n) {
  var b = new Uint8Array(n);
  randombytes(b, n);
  return b;
};

nacl.secretbox = function(msg, nonce, key) {
  checkArrayTypes(msg, nonce, key);
  checkLengths(key, nonce);
  var m = new Uint8Array(crypto_secretbox_ZEROBYTES + msg.length);
  var c = new Uint8Array(m.length);
  for (var i = 0; i < msg.length; i++) m[i+crypto_secretbox_ZEROBYTES] = msg[i];
  crypto_secretbox(c, m, m.length, nonce, key);
  return c.subarray(crypto_secretbox_BOXZEROBYTES);
};

nacl.secretbox.open = function(box, nonce, key) {
  checkArrayTypes(box, nonce, key);
  checkLengths(key, nonce);
  var c = new Uint8Array(crypto_secretbox_BOXZEROBYTES + box.length);
  var m = new Uint8Array(c.length);
  for (var i = 0; i < box.length; i++) c[i+crypto_secretbox_BOXZEROBYTES] = box[i];
  if (c.length < 32) return null;
  if (crypto_secretbox_open(m, c, c.length, nonce, key) !== 0) return null;
  return m.subarray(crypto_secretbox_ZEROBYTES);
};

nacl.secretbox.keyLength = crypto_secretbox_KEYBYTES;
nacl.secretbox.nonceLength = crypto_secretbox_NONCEBYTES;
nacl.secretbox.overheadLength = crypto_secretbox_BOXZEROBYTES;

nacl.scalarMult = function(n, p) {
  checkArrayTypes(n, p);
  if (n.length !== crypto_scalarmult_SCALARBYTES) throw new Error('bad n size');
  if (p.length !== crypto_scalarmult_BYTES) throw new Error('bad p size');
  var q = new Uint8Array(crypto_scalarmult_BYTES);
  crypto_scalarmult(q, n, p);
  return q;
};

nacl.scalarMult.base = function(n) {
  checkArrayTypes(n);
  if (n.length !== crypto_scalarmult_SCALARBYTES) throw new Error('bad n size');
  var q = new Uint8Array(crypto_scalarmult_BYTES);
  crypto_scalarmult_base(q, n);
  return q;
};

nacl.scalarMult.scalarLength = crypto_scalarmult_SCALARBYTES;
nacl.scalarMult.groupElementLength = crypto_scalarmult_BYTES;

nacl.box = function(msg, nonce, publicKey, secretKey) {
  var k = nacl.box.before(publicKey, secretKey);
  return nacl.secretbox(msg, nonce, k);
};

nacl.box.before = function(publicKey, secretKey) {
  checkArrayTypes(publicKey, secretKey);
  checkBoxLengths(publicKey, secretKey);
  var k = new Uint8Array(crypto_box_BEFORENMBYTES);
  crypto_box_beforenm(k, publicKey, secretKey);
  return k;
};

nacl.box.after = nacl.secretbox;

nacl.box.open = function(msg, nonce, publicKey, secretKey) {
  var k = nacl.box.before(publicKey, secretKey);
  return nacl.secretbox.open(msg, nonce, k);
};

nacl.box.open.after = nacl.secretbox.open;

nacl.box.keyPair = function() {
  var pk = new Uint8Array(crypto_box_PUBLICKEYBYTES);
  var sk = new Uint8Array(crypto_box_SECRETKEYBYTES);
  crypto_box_keypair(pk, sk);
  return {publicKey: pk, secretKey: sk};
};

nacl.box.keyPair.fromSecretKey = function(secretKey) {
  checkArrayTypes(secretKey);
  if (secretKey.length !== crypto_box_SECRETKEYBYTES)
    throw new Error('bad secret key size');
  var pk = new Uint8Array(crypto_box_PUBLICKEYBYTES);
  crypto_scalarmult_base(pk, secretKey);
  return {publicKey: pk, secretKey: new Uint8Array(secretKey)};
};

nacl.box.publicKeyLength = crypto_box_PUBLICKEYBYTES;
nacl.box.secretKeyLength = crypto_box_SECRETKEYBYTES;
nacl.box.sharedKeyLength = crypto_box_BEFORENMBYTES;
nacl.box.nonceLength = crypto_box_NONCEBYTES;
nacl.box.overheadLength = nacl.secretbox.overheadLength;

nacl.sign = function(msg, secretKey) {
  checkArrayTypes(msg, secretKey);
  if (secretKey.length !== crypto_sign_SECRETKEYBYTES)
    throw new Error('bad secret key size');
  var signedMsg = new Uint8Array(crypto_sign_BYTES+msg.length);
  crypto_sign(signedMsg, msg, msg.length, secretKey);
  return signedMsg;
};

nacl.sign.open = function(signedMsg, publicKey) {
  checkArrayTypes(signedMsg, publicKey);
  if (publicKey.length !== crypto_sign_PUBLICKEYBYTES)
    throw new Error('bad public key size');
  var tmp = new Uint8Array(signedMsg.length);
  var mlen = crypto_sign_open(tmp, signedMsg, signedMsg.length, publicKey);
  if (mlen < 0) return null;
  var m = new Uint8Array(mlen);
  for (var i = 0; i < m.length; i++) m[i] = tmp[i];
  return m;
};

nacl.sign.detached = function(msg, secretKey) {
  var signedMsg = nacl.sign(msg, secretKey);
  var sig = new Uint8Array(crypto_sign_BYTES);
  for (var i = 0; i < sig.length; i++) sig[i] = signedMsg[i];
  return sig;
};

nacl.sign.detached.verify = function(msg, sig, publicKey) {
  checkArrayTypes(msg, sig, publicKey);
  if (sig.length !== crypto_sign_BYTES)
    throw new Error('bad signature size');
  if (publicKey.length !== crypto_sign_PUBLICKEYBYTES)
    throw new Error('bad public key size');
  var sm = new Uint8Array(crypto_sign_BYTES + msg.length);
  var m = new Uint8Array(crypto_sign_BYTES + msg.length);
  var i;
  for (i = 0; i < crypto_sign_BYTES; i++) sm[i] = sig[i];
  for (i = 0; i < msg.length; i++) sm[i+crypto_sign_BYTES] = msg[i];
  return (crypto_sign_open(m, sm, sm.length, publicKey) >= 0);
};

nacl.sign.keyPair = function() {
  var pk = new Uint8Array(crypto_sign_PUBLICKEYBYTES);
  var sk = new Uint8Array(crypto_sign_SECRETKEYBYTES);
  crypto_sign_keypair(pk, sk);
  return {publicKey: pk, secretKey: sk};
};

nacl.sign.keyPair.fromSecretKey = function(secretKey) {
  checkArrayTypes(secretKey);
  if (secretKey.length !== crypto_sign_SECRETKEYBYTES)
    throw new Error('bad secret key size');
  var pk = new Uint8Array(crypto_sign_PUBLICKEYBYTES);
  for (var i = 0; i < pk.length; i++) pk[i] = secretKey[32+i];
  return {publicKey: pk, secretKey: new Uint8Array(secretKey)};
};

nacl.sign.keyPair.fromSeed = function(seed) {
  checkArrayTypes(seed);
  if (seed.length !== crypto_sign_SEEDBYTES)
    throw new Error('bad seed size');
  var pk = new Uint8Array(crypto_sign_PUBLICKEYBYTES);
  var sk = new Uint8Array(crypto_sign_SECRETKEYBYTES);
  for (var i = 0; i < 32; i++) sk[i] = seed[i];
  crypto_sign_keypair(pk, sk, true);
  return {publicKey: pk, secretKey: sk};
};

nacl.sign.publicKeyLength = crypto_sign_PUBLICKEYBYTES;
nacl.sign.secretKeyLength = crypto_sign_SECRETKEYBYTES;
nacl.sign.seedLength = crypto_sign_SEEDBYTES;
nacl.sign.signatureLength = crypto_sign_BYTES;

nacl.hash = function(msg) {
  checkArrayTypes(msg);
  var h = new Uint8Array(crypto_hash_BYTES);
  crypto_hash(h, msg, msg.length);
  return h;
};

nacl.hash.hashLength = crypto_hash_BYTES;

nacl.verify = function(x, y) {
  checkArrayTypes(x, y);
  // Zero length arguments are considered not equal.
  if (x.length === 0 || y.length === 0) return false;
  if (x.length !== y.length) return false;
  return (vn(x, 0, y, 0, x.length) === 0) ? true : false;
};

nacl.setPRNG = function(fn) {
  randombytes = fn;
};

(function() {
  // Initialize PRNG if environment provides CSPRNG.
  // If not, methods calling randombytes will throw.
  var crypto = typeof self !== 'undefined' ? (self.crypto || self.msCrypto) : null;
  if (crypto && crypto.getRandomValues) {
    // Browsers.
    var QUOTA = 65536;
    nacl.setPRNG(function(x, n) {
      var i, v = new Uint8Array(n);
      for (i = 0; i < n; i += QUOTA) {
        crypto.getRandomValues(v.subarray(i, i + Math.min(n - i, QUOTA)));
      }
      for (i = 0; i < n; i++) x[i] = v[i];
      cleanup(v);
    });
  } else if (true) {
    // Node.js.
    crypto = __nccwpck_require__(982);
    if (crypto && crypto.randomBytes) {
      nacl.setPRNG(function(x, n) {
        var i, v = crypto.randomBytes(n);
        for (i = 0; i < n; i++) x[i] = v[i];
        cleanup(v);
      });
    }
  }
})();

})( true && module.exports ? module.exports : (self.nacl = self.nacl || {}));


/***/ }),

/***/ 581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _keys_key_command_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(519);
/* harmony import */ var _upkeep_gc_command_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(729);
/**
 * The command line, bundled to dist/cli/index.js: `generate-keypair` (keys/key-command.ts) and `gc`
 * (upkeep/gc-command.ts), e.g. `node dist/cli/index.js generate-keypair CACHE`.
 */


const io = {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
};
const args = process.argv.slice(2);
process.exitCode = args[0] === "gc" ? await (0,_upkeep_gc_command_js__WEBPACK_IMPORTED_MODULE_1__/* .runGcCommand */ .D)(args.slice(1), io) : await (0,_keys_key_command_js__WEBPACK_IMPORTED_MODULE_0__/* .runKeyCommand */ .M)(args, io);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 519:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  M: () => (/* binding */ runKeyCommand)
});

// EXTERNAL MODULE: ./node_modules/tweetnacl/nacl-fast.js
var nacl_fast = __nccwpck_require__(668);
var nacl_fast_default = /*#__PURE__*/__nccwpck_require__.n(nacl_fast);
// EXTERNAL MODULE: ./src/net/retry.ts + 1 modules
var retry = __nccwpck_require__(40);
;// CONCATENATED MODULE: ./src/cache/cachix/api.ts

/** A call answered with an unexpected status (after retries, for 429 and 5xx). */
class CachixHttpError extends Error {
    status;
    constructor(status, what, body) {
        const detail = body.trim().replace(/\s+/g, " ").slice(0, 300);
        super(`Cachix ${what}: HTTP ${status}${detail === "" ? "" : ` (${detail})`}`);
        this.status = status;
        this.name = "CachixHttpError";
    }
}
class CachixApi {
    options;
    root;
    constructor(options) {
        this.options = options;
        this.root = `${options.host.href.replace(/\/+$/, "")}/api/v1/cache/`;
    }
    /** `GET /cache/{name}` (E1): the cache's URI, keys, visibility and the caller's permission. */
    async getCache(name, signal) {
        return JSON.parse(await this.call("GET", name, "", undefined, signal, `cache '${name}'`));
    }
    /** `POST /cache/{name}/narinfo` (E2): which of `hashes` the cache lacks. */
    async postNarinfo(name, hashes, signal) {
        const text = await this.call("POST", name, "/narinfo", JSON.stringify(hashes), signal, "narinfo query");
        return JSON.parse(text);
    }
    /** `POST /cache/{name}/multipart-nar` (E3): starts an upload. */
    async postMultipartNar(name, compression, signal) {
        const path = `/multipart-nar?compression=${compression}`;
        return JSON.parse(await this.call("POST", name, path, undefined, signal, "upload creation"));
    }
    /** `POST /cache/{name}/multipart-nar/{narId}` (E4): a presigned URL for one part with this MD5. */
    async postMultipartNarPart(name, upload, partNumber, contentMD5, signal) {
        const path = `/multipart-nar/${upload.narId}?uploadId=${encodeURIComponent(upload.uploadId)}&partNumber=${partNumber}`;
        const body = JSON.stringify({ contentMD5 });
        const text = await this.call("POST", name, path, body, signal, `URL for part ${partNumber}`);
        return JSON.parse(text).uploadUrl;
    }
    /** `POST /cache/{name}/multipart-nar/{narId}/complete` (E6): the parts joined and the narinfo published. */
    async postMultipartNarComplete(name, upload, parts, narInfoCreate, signal) {
        const path = `/multipart-nar/${upload.narId}/complete?uploadId=${encodeURIComponent(upload.uploadId)}`;
        await this.call("POST", name, path, JSON.stringify({ parts, narInfoCreate }), signal, "upload completion");
    }
    /** `POST /cache/{name}/multipart-nar/{narId}/abort` (E7): the parts dropped. */
    async postMultipartNarAbort(name, upload, signal) {
        const path = `/multipart-nar/${upload.narId}/abort?uploadId=${encodeURIComponent(upload.uploadId)}`;
        await this.call("POST", name, path, undefined, signal, "upload abort");
    }
    /** `POST /cache/{name}/key` (E8): registers a self-generated key's public half (base64); needs an admin token. */
    async postKey(name, publicKeyBase64, signal) {
        const body = JSON.stringify({ publicKey: publicKeyBase64 });
        await this.call("POST", name, "/key", body, signal, "key registration");
    }
    /** `PUT` of one part to its presigned URL (E5; no Authorization: the URL carries it); returns its ETag. */
    async putPresignedPart(url, body, contentMD5, signal) {
        const response = await this.send("PUT", new URL(url), { "Content-Type": "application/octet-stream", "Content-MD5": contentMD5 }, body, signal);
        if (response.status < 200 || response.status > 299) {
            throw new CachixHttpError(response.status, "part upload", response.body.toString("utf8"));
        }
        const eTag = response.headers.etag;
        if (typeof eTag !== "string" || eTag === "")
            throw new Error("Cachix part upload: the answer has no ETag");
        return eTag;
    }
    async call(method, name, path, body, signal, what) {
        const headers = { Accept: "application/json" };
        if (this.options.token !== undefined)
            headers.Authorization = `Bearer ${this.options.token}`;
        if (body !== undefined)
            headers["Content-Type"] = "application/json;charset=utf-8";
        const url = new URL(`${this.root}${encodeURIComponent(name)}${path}`);
        const response = await this.send(method, url, headers, body, signal);
        const text = response.body.toString("utf8");
        if (response.status < 200 || response.status > 299)
            throw new CachixHttpError(response.status, what, text);
        return text;
    }
    send(method, url, headers, body, signal) {
        return (0,retry/* sendWithRetries */.HI)({ method, url, headers, body }, { policy: this.options.policy, signal });
    }
}
/** One GET without the API's headers, e.g. a cache host's `nix-cache-info` (with netrc-style credentials). */
async function getText(url, headers, policy, signal) {
    const response = await sendWithRetries({ method: "GET", url, headers: { ...headers } }, { policy, signal });
    return { status: response.status, text: response.body.toString("utf8") };
}

;// CONCATENATED MODULE: ./src/cache/cachix/names.ts
/** How Cachix names things, for the action's inputs and for the key command alike. */
/** Where Cachix's API is unless `cachixHost` says otherwise (action.yml's default). */
const DEFAULT_CACHIX_HOST = "https://app.cachix.org";
/** A Cachix cache name: letters, digits and '-', not starting with '-'. */
function isCachixCacheName(name) {
    return /^[a-z0-9][a-z0-9-]*$/i.test(name);
}
/** The name Cachix gives a cache's signing key, and that its narinfos are signed under. */
function cachixKeyName(cache) {
    return `${cache}.cachix.org-1`;
}
/** `text` as an http(s):// URL, or undefined when it is not one. */
function httpUrl(text) {
    try {
        const url = new URL(text);
        return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __nccwpck_require__(268);
// EXTERNAL MODULE: ./src/lib/hash.ts
var hash = __nccwpck_require__(639);
;// CONCATENATED MODULE: ./src/keys/key-command.ts
/**
 * The key command: makes an Ed25519 signing key pair without Nix and, for a Cachix cache with a token, registers
 * its public half (as `cachix generate-keypair` does). The secret is printed only once the key is usable: after a
 * successful registration, or right away for a key that needs none.
 */





const USAGE = `Usage:
  nix-binary-cache-key generate-keypair CACHE [--host URL]
      A key pair for the Cachix cache CACHE (key name CACHE.cachix.org-1). With CACHIX_AUTH_TOKEN set (a token
      with admin rights on the cache), its public key is registered with the cache first. The secret is printed in
      Cachix's form, which the action's signingKey (and the cachix CLI's CACHIX_SIGNING_KEY) accepts.
  nix-binary-cache-key generate-keypair --key-name NAME
      A key pair for any other Nix binary cache, e.g. NAME=my-cache-1; the secret is printed as name:base64.
`;
/** Runs the command; returns the process exit code (0 done, 1 failed, 2 bad usage). */
async function runKeyCommand(args, io) {
    const parsed = parseArgs(args);
    if (parsed.kind === "help") {
        io.out(USAGE);
        return 0;
    }
    if (parsed.kind === "error") {
        io.err(`${parsed.message}\n\n${USAGE}`);
        return 2;
    }
    const pair = io.seed === undefined ? nacl_fast_default().sign.keyPair() : nacl_fast_default().sign.keyPair.fromSeed(io.seed);
    const publicBase64 = (0,hash/* encodeBase64 */.WG)(pair.publicKey);
    if (parsed.kind === "plain") {
        io.out(`secret-key: ${parsed.keyName}:${(0,hash/* encodeBase64 */.WG)(pair.secretKey)}`);
        io.out(`public-key: ${parsed.keyName}:${publicBase64}`);
        io.err("Keep the secret key in a repository secret and pass it as `signingKey`; readers trust the public key.");
        return 0;
    }
    const token = io.env.CACHIX_AUTH_TOKEN?.trim();
    if (token) {
        try {
            await new CachixApi({ host: parsed.host, token }).postKey(parsed.cache, publicBase64);
        }
        catch (error) {
            io.err(`Could not register the public key with Cachix cache '${parsed.cache}': ${(0,errors/* describeError */.Uc)(error)}`);
            io.err("Nothing was changed; the key pair was discarded.");
            return 1;
        }
        io.err(`Registered the public key with Cachix cache '${parsed.cache}' at ${parsed.host.origin}.`);
    }
    else {
        io.err(`CACHIX_AUTH_TOKEN is not set, so the public key was NOT registered with Cachix cache '${parsed.cache}'. ` +
            "Paths signed with this key will be refused until it is; run again with a token to make a registered pair.");
    }
    io.out(`secret-key: ${(0,hash/* encodeBase64 */.WG)(pair.secretKey)}`);
    io.out(`public-key: ${cachixKeyName(parsed.cache)}:${publicBase64}`);
    io.err("Keep the secret key in a repository secret (e.g. CACHIX_SIGNING_KEY) and pass it as `signingKey`.");
    return 0;
}
function parseArgs(args) {
    const [command, ...rest] = args;
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
        return { kind: "help" };
    }
    if (command !== "generate-keypair")
        return { kind: "error", message: `unknown command '${command}'` };
    let host = DEFAULT_CACHIX_HOST;
    let keyName;
    const positional = [];
    for (let i = 0; i < rest.length; i++) {
        const arg = rest[i] ?? "";
        if (arg === "--host" || arg === "--key-name") {
            const value = rest[++i];
            if (value === undefined)
                return { kind: "error", message: `${arg} needs a value` };
            if (arg === "--host")
                host = value;
            else
                keyName = value;
        }
        else if (arg.startsWith("-")) {
            return { kind: "error", message: `unknown option '${arg}'` };
        }
        else {
            positional.push(arg);
        }
    }
    if (keyName !== undefined) {
        if (positional.length > 0)
            return { kind: "error", message: "give either CACHE or --key-name, not both" };
        if (!/^[^\s:]+$/.test(keyName))
            return { kind: "error", message: "a key name has no ':' or white space" };
        return { kind: "plain", keyName };
    }
    const [cache] = positional;
    if (cache === undefined || positional.length > 1)
        return { kind: "error", message: "give one CACHE name" };
    if (!isCachixCacheName(cache))
        return { kind: "error", message: `'${cache}' is not a Cachix cache name` };
    const url = httpUrl(host);
    if (url === undefined)
        return { kind: "error", message: `--host '${host}' is not an http(s):// URL` };
    return { kind: "cachix", cache, host: url };
}


/***/ }),

/***/ 268:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Uc: () => (/* binding */ describeError)
/* harmony export */ });
/* unused harmony exports InputError, CacheError, StepStopped, isDiskFull, describeInterruption */
/** Configuration the user must fix: setup fails with this message, which names the input and never holds a secret. */
class InputError extends Error {
    input;
    constructor(input, problem) {
        super(`Input '${input}': ${problem}`);
        this.input = input;
        this.name = "InputError";
    }
}
/** Trouble with the cache itself (unreachable, refused, corrupt): a warning unless `strict`. */
class CacheError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = "CacheError";
    }
}
/** A message for anything thrown, including non-Error values that would otherwise be lost. */
function describeError(error) {
    if (error instanceof Error)
        return error.message;
    return typeof error === "string" ? error : JSON.stringify(error);
}
/** The runner stopped the step (a cancelled job): the reason of the step's stop signal (see ../action/stop.ts). */
class StepStopped extends Error {
    signalName;
    constructor(signalName) {
        super(`the step was stopped (${signalName})`);
        this.signalName = signalName;
        this.name = "StepStopped";
    }
}
/** Whether `error` says a disk is full: the runner's temp dir on a small disk, the usual cause. */
function isDiskFull(error) {
    const code = error?.code;
    return code === "ENOSPC" || code === "EDQUOT";
}
/** Why an aborted deadline ended the work: the step was stopped, or pushTimeout ran out. */
function describeInterruption(signal) {
    return signal.reason instanceof StepStopped ? signal.reason.message : "pushTimeout ran out";
}


/***/ }),

/***/ 639:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   WG: () => (/* binding */ encodeBase64),
/* harmony export */   tz: () => (/* binding */ parseSha256)
/* harmony export */ });
/* unused harmony exports decodeBase64, formatSha256Nix32 */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(268);
/* harmony import */ var _nix_base32_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(745);


const SHA256_BYTES = 32;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX = /^[0-9a-fA-F]*$/;
/**
 * Decodes canonical, padded standard base64. Node's own decoder silently skips junk, which would let a
 * corrupt key or hash through; the error never quotes the input because callers pass secrets through here.
 */
function decodeBase64(text) {
    if (!BASE64.test(text)) {
        throw new Error(`not valid padded base64 (${text.length} characters)`);
    }
    const bytes = new Uint8Array(Buffer.from(text, "base64"));
    if (Buffer.from(bytes).toString("base64") !== text) {
        throw new Error("not canonical base64: the padding bits are not zero");
    }
    return bytes;
}
/** Encodes bytes as standard padded base64. */
function encodeBase64(bytes) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}
/**
 * Parses a SHA-256 digest in any form Nix accepts in a narinfo: `sha256:` followed by nix32 (52), hex (64)
 * or base64 (44 characters), or SRI `sha256-<base64>`. As in Nix, the encoding is told apart by length.
 */
function parseSha256(text) {
    const fail = (why) => new Error(`invalid SHA-256 hash ${JSON.stringify(text)}: ${why}`);
    if (text.startsWith("sha256-")) {
        const body = text.slice("sha256-".length);
        if (body.length !== 44)
            throw fail("an SRI hash needs 44 base64 characters");
        return wrap(() => decodeBase64(body), fail);
    }
    if (!text.startsWith("sha256:")) {
        throw fail("expected the prefix 'sha256:' or the SRI prefix 'sha256-'");
    }
    const body = text.slice("sha256:".length);
    if (body.length === (0,_nix_base32_js__WEBPACK_IMPORTED_MODULE_1__/* .nixBase32Length */ .gT)(SHA256_BYTES))
        return wrap(() => (0,_nix_base32_js__WEBPACK_IMPORTED_MODULE_1__/* .decodeNixBase32 */ .yT)(body), fail);
    if (body.length === SHA256_BYTES * 2) {
        if (!HEX.test(body))
            throw fail("not hexadecimal");
        return new Uint8Array(Buffer.from(body, "hex"));
    }
    if (body.length === 44)
        return wrap(() => decodeBase64(body), fail);
    throw fail(`${body.length} characters is not the length of nix32 (52), hex (64) or base64 (44)`);
}
/** Renders a SHA-256 digest as Nix writes it in narinfos and fingerprints: `sha256:<nix32>`. */
function formatSha256Nix32(digest) {
    if (digest.length !== SHA256_BYTES) {
        throw new Error(`a SHA-256 digest has ${SHA256_BYTES} bytes, got ${digest.length}`);
    }
    return `sha256:${encodeNixBase32(digest)}`;
}
function wrap(decode, fail) {
    let bytes;
    try {
        bytes = decode();
    }
    catch (error) {
        throw fail((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(error));
    }
    if (bytes.length !== SHA256_BYTES)
        throw fail(`decodes to ${bytes.length} bytes, not ${SHA256_BYTES}`);
    return bytes;
}


/***/ }),

/***/ 745:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   ZO: () => (/* binding */ NIX_BASE32_ALPHABET),
/* harmony export */   gT: () => (/* binding */ nixBase32Length),
/* harmony export */   yT: () => (/* binding */ decodeNixBase32)
/* harmony export */ });
/* unused harmony export encodeNixBase32 */
/** Nix's own base-32 alphabet: no e, o, u or t, so that hashes never spell words. */
const NIX_BASE32_ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz";
/** Digit of each ASCII character, -1 for characters outside the alphabet. */
const DIGIT_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < NIX_BASE32_ALPHABET.length; i++)
    DIGIT_OF[NIX_BASE32_ALPHABET.charCodeAt(i)] = i;
/** Number of characters Nix uses to encode `byteLength` bytes. */
function nixBase32Length(byteLength) {
    return byteLength === 0 ? 0 : Math.floor((byteLength * 8 - 1) / 5) + 1;
}
/**
 * Encodes bytes the way Nix does: the least significant 5-bit group of the little-endian
 * bit string comes last, so the text reads as one big number, not as a byte stream.
 */
function encodeNixBase32(bytes) {
    let out = "";
    for (let n = nixBase32Length(bytes.length) - 1; n >= 0; n--) {
        const bit = n * 5;
        const i = Math.floor(bit / 8);
        const j = bit % 8;
        const low = (bytes[i] ?? 0) >> j;
        const high = i + 1 < bytes.length ? (bytes[i + 1] ?? 0) << (8 - j) : 0;
        out += NIX_BASE32_ALPHABET[(low | high) & 0x1f];
    }
    return out;
}
/** Decodes Nix base-32; throws on a character outside the alphabet, an impossible length or stray high bits. */
function decodeNixBase32(text) {
    const byteLength = Math.floor((text.length * 5) / 8);
    if (nixBase32Length(byteLength) !== text.length) {
        throw new Error(`invalid Nix base-32 length ${text.length}: no byte string encodes to that many characters`);
    }
    const bytes = new Uint8Array(byteLength);
    for (let n = 0; n < text.length; n++) {
        const code = text.charCodeAt(text.length - n - 1);
        const digit = code < 128 ? DIGIT_OF[code] : -1;
        if (digit < 0) {
            throw new Error(`invalid character ${JSON.stringify(text[text.length - n - 1])} in Nix base-32 text at offset ${text.length - n - 1}`);
        }
        const bit = n * 5;
        const i = Math.floor(bit / 8);
        const j = bit % 8;
        bytes[i] = (bytes[i] ?? 0) | ((digit << j) & 0xff);
        const carry = digit >> (8 - j);
        if (i + 1 < byteLength) {
            bytes[i + 1] = (bytes[i + 1] ?? 0) | carry;
        }
        else if (carry !== 0) {
            throw new Error("invalid Nix base-32 text: its first character sets bits beyond the encoded length");
        }
    }
    return bytes;
}


/***/ }),

/***/ 391:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  hh: () => (/* binding */ fileBody),
  sU: () => (/* binding */ openResponse),
  w$: () => (/* binding */ sendRequest)
});

// UNUSED EXPORTS: RequestTimeoutError

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
;// CONCATENATED MODULE: external "node:stream"
const external_node_stream_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");
;// CONCATENATED MODULE: ./src/net/proxy.ts
/**
 * Proxies as the Actions toolkit (@actions/http-client) honours them, for every HTTP client of the action:
 * `https_proxy`/`HTTPS_PROXY` for https URLs, `http_proxy`/`HTTP_PROXY` for http ones, never for loopback hosts, and
 * not for a host `no_proxy`/`NO_PROXY` names (`*`, a host, `host:port`, a domain suffix, with or without a leading
 * dot). Self-hosted runners often reach the internet only through one. Node 24's agents do the tunnelling.
 */


const agents = new Map();
/** The agent a request to `url` goes through: a proxying one, or undefined for a direct connection. */
function proxyAgent(url, env = process.env) {
    const secure = url.protocol === "https:";
    const proxy = secure ? env.https_proxy || env.HTTPS_PROXY : env.http_proxy || env.HTTP_PROXY;
    if (!proxy || bypassesProxy(url, env))
        return undefined;
    const id = `${url.protocol}${proxy}`;
    let agent = agents.get(id);
    if (agent === undefined) {
        // The bypass is decided above, by the toolkit's rules: Node's agent is told of the proxy alone.
        const proxyEnv = secure ? { HTTPS_PROXY: proxy } : { HTTP_PROXY: proxy };
        agent = secure
            ? new external_node_https_namespaceObject.Agent({ keepAlive: true, proxyEnv })
            : new external_node_http_namespaceObject.Agent({ keepAlive: true, proxyEnv });
        agents.set(id, agent);
    }
    return agent;
}
/** Whether `url` is reached directly although a proxy is set: loopback, or named by NO_PROXY. */
function bypassesProxy(url, env = process.env) {
    const host = url.hostname.toLowerCase();
    if (host === "localhost" || host.startsWith("127.") || host === "[::1]" || host === "[0:0:0:0:0:0:0:1]") {
        return true;
    }
    const noProxy = env.no_proxy || env.NO_PROXY || "";
    const port = url.port || (url.protocol === "https:" ? "443" : "80");
    const names = [host, `${host}:${port}`];
    return noProxy
        .split(",")
        .map((item) => item.trim().toLowerCase())
        .filter((item) => item !== "")
        .some((item) => item === "*" ||
        names.some((name) => name === item || name.endsWith(`.${item}`) || (item.startsWith(".") && name.endsWith(item))));
}
/**
 * The `no_proxy` later steps need so that Nix's own downloads from a read server on 127.0.0.1 stay off the proxy:
 * curl, which Nix downloads with, sends even loopback requests through `http_proxy` or `all_proxy` unless
 * `no_proxy` (else `NO_PROXY`) names them. Undefined when no such proxy is set, or loopback is named already.
 */
function noProxyForLoopback(env) {
    if (!(env.http_proxy || env.all_proxy || env.ALL_PROXY))
        return undefined;
    // Read as the action's own requests read it (bypassesProxy), which later steps' processes of the action inherit.
    const items = (env.no_proxy || env.NO_PROXY || "")
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== "");
    // Only these: curl before 7.86 reads no CIDR ranges.
    if (items.some((item) => item === "*" || item === "127.0.0.1"))
        return undefined;
    return [...items, "127.0.0.1"].join(",");
}

;// CONCATENATED MODULE: ./src/net/http-request.ts
/**
 * One HTTP(S) exchange, nothing retried (that is ./retry.ts), through the runner's proxy if it has one (./proxy.ts).
 * Bodies always carry Content-Length (nginx's DAV wants it), a `FileBody` can be streamed again on retry,
 * `timeoutMs` counts inactivity (a slow upload is fine, a stalled server is not), and responses are small documents
 * read into memory.
 */ 




/** No progress within the timeout; retryable. */
class RequestTimeoutError extends Error {
    code = "ETIMEDOUT";
    constructor(message) {
        super(message);
        this.name = "RequestTimeoutError";
    }
}
/**
 * `length` bytes of a file from `start`, as a re-sendable body read a megabyte at a time: with the stream default of
 * 64 KiB, a NAR of hundreds of megabytes is thousands of reads, each a round trip to the thread pool and a buffer
 * to collect.
 */
function fileBody(path, length, start = 0) {
    return {
        length,
        open: () => 
        // createReadStream has no empty range: `end` is inclusive.
        length === 0
            ? external_node_stream_namespaceObject.Readable.from([])
            : (0,external_node_fs_.createReadStream)(path, { start, end: start + length - 1, highWaterMark: 1024 * 1024 }),
    };
}
/**
 * Sends a request without a body once and resolves with its response as a stream, whatever its status: for
 * answers passed on as they arrive (a NAR to Nix). The caller reads or discards it.
 */
function openResponse(request, options) {
    return new Promise((resolve, reject) => {
        const client = request.url.protocol === "https:" ? external_node_https_namespaceObject : external_node_http_namespaceObject;
        const headers = { "User-Agent": "nix-binary-cache-action", ...request.headers };
        const outgoing = client.request(request.url, { method: request.method, headers, signal: options.signal, agent: proxyAgent(request.url) }, resolve);
        outgoing.setTimeout(options.timeoutMs, () => outgoing.destroy(new RequestTimeoutError(`${request.method} ${request.url.href}: no answer for ${options.timeoutMs} ms`)));
        outgoing.on("error", reject);
        outgoing.end();
    });
}
/** Sends `request` once; resolves with any status, rejects on transport trouble, timeout or abort. */
function sendRequest(request, options) {
    const maxResponseBytes = options.maxResponseBytes ?? 4 * 2 ** 20;
    const client = request.url.protocol === "https:" ? external_node_https_namespaceObject : external_node_http_namespaceObject;
    const { body } = request;
    const length = body === undefined ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.length;
    const headers = { "User-Agent": "nix-binary-cache-action", ...request.headers };
    if (body !== undefined || request.method === "PUT" || request.method === "POST") {
        headers["Content-Length"] = String(length);
    }
    return new Promise((resolve, reject) => {
        options.signal?.throwIfAborted();
        const outgoing = client.request(request.url, {
            method: request.method,
            headers,
            signal: options.signal,
            agent: proxyAgent(request.url),
        });
        let source;
        const fail = (error) => {
            source?.destroy();
            outgoing.destroy(error);
            reject(error);
        };
        outgoing.setTimeout(options.timeoutMs, () => fail(new RequestTimeoutError(`${request.method} ${request.url.href}: no response progress for ${options.timeoutMs} ms`)));
        outgoing.on("error", fail);
        outgoing.on("response", (incoming) => {
            const chunks = [];
            let received = 0;
            incoming.on("data", (chunk) => {
                received += chunk.length;
                if (received > maxResponseBytes) {
                    fail(new Error(`${request.method} ${request.url.href}: response larger than ${maxResponseBytes} bytes`));
                    return;
                }
                chunks.push(chunk);
            });
            incoming.on("error", fail);
            // "aborted" fires (and "end" never does) when the server closes mid-body.
            incoming.on("aborted", () => fail(Object.assign(new Error("response cut short"), { code: "ECONNRESET" })));
            incoming.on("end", () => {
                // A server may answer (e.g. 401) before the whole body is sent; stop reading the file then.
                source?.destroy();
                resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) });
            });
        });
        if (body === undefined) {
            outgoing.end();
        }
        else if (typeof body === "string" || body instanceof Uint8Array) {
            outgoing.end(body);
        }
        else {
            source = body.open();
            source.on("error", fail);
            source.pipe(outgoing);
        }
    });
}


/***/ }),

/***/ 40:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  dw: () => (/* binding */ RetryableError),
  PS: () => (/* binding */ isRetryableStatus),
  Jb: () => (/* binding */ retryPolicy),
  HI: () => (/* binding */ sendWithRetries),
  LH: () => (/* binding */ withRetries)
});

// UNUSED EXPORTS: DEFAULT_RETRY_POLICY, GaveUpError, backoffDelay, isRetryableError, parseRetryAfter

;// CONCATENATED MODULE: external "node:timers/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __nccwpck_require__(268);
// EXTERNAL MODULE: ./src/net/http-request.ts + 4 modules
var http_request = __nccwpck_require__(391);
;// CONCATENATED MODULE: ./src/net/retry.ts
/**
 * The one retry policy of every network backend: HTTP 408, 429, 5xx (not 501/505), connection failures and
 * timeouts are retried with exponential backoff and full jitter, or after the server's Retry-After; a Retry-After
 * beyond `maxDelayMs`, a spent `budgetMs` or an aborted signal (the push deadline) ends the retries at once.
 * `sendWithRetries` resolves with the last response (callers judge its status) and rejects on transport trouble;
 * `withRetries` is the loop under it.
 */ 


const DEFAULT_RETRY_POLICY = {
    attempts: 5,
    baseDelayMs: 500,
    maxDelayMs: 60_000,
    requestTimeoutMs: 60_000,
    budgetMs: 5 * 60_000,
};
function retryPolicy(overrides = {}) {
    return { ...DEFAULT_RETRY_POLICY, ...overrides };
}
/** Thrown by an attempt to ask for another try. */
class RetryableError extends Error {
    retryAfterMs;
    constructor(message, retryAfterMs) {
        super(message);
        this.retryAfterMs = retryAfterMs;
        this.name = "RetryableError";
    }
}
/** A retryable HTTP status; `sendWithRetries` returns its response when retries run out. */
class RetryableStatus extends RetryableError {
    response;
    constructor(response) {
        super(`HTTP ${response.status}`, parseRetryAfter(headerValue(response.headers["retry-after"])));
        this.response = response;
    }
}
/** Retries ran out (or the budget did); `cause` is the last failure. */
class GaveUpError extends Error {
    attempts;
    constructor(message, attempts, options) {
        super(message, options);
        this.attempts = attempts;
        this.name = "GaveUpError";
    }
}
function isRetryableStatus(status) {
    return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}
const RETRYABLE_CODES = new Set([
    "ECONNRESET",
    "ECONNREFUSED",
    "ECONNABORTED",
    "EPIPE",
    "ETIMEDOUT",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "ENETDOWN",
    "EAI_AGAIN",
]);
/** Whether `error` (or one of its causes) is a failure worth another try. */
function isRetryableError(error) {
    for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
        if (current instanceof RetryableError || current.name === "TimeoutError")
            return true;
        const code = current.code;
        if (code !== undefined && RETRYABLE_CODES.has(code))
            return true;
        current = current.cause;
    }
    return false;
}
/** Milliseconds to wait from a Retry-After value (delta-seconds or HTTP date), or undefined when absent/invalid. */
function parseRetryAfter(value, now = Date.now()) {
    if (value === undefined || value.trim() === "")
        return undefined;
    const text = value.trim();
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/** The wait after the `failures`-th failure: full jitter over an exponentially growing, capped window. */
function backoffDelay(policy, failures, random = Math.random) {
    const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
    return Math.floor(random() * window);
}
async function withRetries(attempt, options = {}) {
    const policy = options.policy ?? DEFAULT_RETRY_POLICY;
    const signal = options.signal ?? new AbortController().signal;
    const started = Date.now();
    for (let number = 1;; number++) {
        signal.throwIfAborted();
        try {
            return await attempt({ attempt: number, signal });
        }
        catch (error) {
            if (signal.aborted)
                throw signal.reason;
            if (!isRetryableError(error))
                throw error;
            const reason = describeFailure(error);
            const retryAfterMs = error instanceof RetryableError ? error.retryAfterMs : undefined;
            const delayMs = retryAfterMs ?? backoffDelay(policy, number, options.random);
            if (number >= policy.attempts)
                throw gaveUp(`${reason}, after ${number} attempts`, number, error);
            if (retryAfterMs !== undefined && retryAfterMs > policy.maxDelayMs) {
                throw gaveUp(`${reason} with Retry-After ${Math.ceil(retryAfterMs / 1000)} s`, number, error);
            }
            if (Date.now() + delayMs - started > policy.budgetMs) {
                throw gaveUp(`${reason}, retry budget of ${policy.budgetMs} ms spent`, number, error);
            }
            options.onRetry?.({ attempt: number, delayMs, reason });
            await (0,promises_namespaceObject.setTimeout)(delayMs, undefined, { signal }).catch(() => {
                throw signal.reason;
            });
        }
    }
}
/** Sends `request`, retrying per the policy; see the header comment. */
async function sendWithRetries(request, options = {}) {
    const policy = options.policy ?? DEFAULT_RETRY_POLICY;
    try {
        return await withRetries(async ({ signal }) => {
            const response = await (0,http_request/* sendRequest */.w$)(request, {
                timeoutMs: policy.requestTimeoutMs,
                signal,
                maxResponseBytes: options.maxResponseBytes,
            });
            if (isRetryableStatus(response.status))
                throw new RetryableStatus(response);
            return response;
        }, options);
    }
    catch (error) {
        if (error instanceof GaveUpError && error.cause instanceof RetryableStatus)
            return error.cause.response;
        throw error;
    }
}
function gaveUp(message, attempts, cause) {
    return new GaveUpError(message, attempts, { cause });
}
function describeFailure(error) {
    const message = (0,errors/* describeError */.Uc)(error);
    const code = error?.code;
    return typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message;
}
function headerValue(value) {
    return Array.isArray(value) ? value[0] : value;
}


/***/ }),

/***/ 729:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  D: () => (/* binding */ runGcCommand)
});

// UNUSED EXPORTS: GC_USAGE

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/cache/s3/credentials.ts
/**
 * The job's AWS credentials, from where the AWS tools look: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN (what aws-actions/configure-aws-credentials exports after GitHub OIDC), else a profile's static
 * keys in the shared files (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials, then AWS_CONFIG_FILE or
 * ~/.aws/config). A profile that runs a program (`credential_process`) or signs in through SSO is refused by name:
 * the action never runs another program to get a secret. Messages name where a key was looked for, never its value.
 */



/** The credentials; undefined when there are none (read-only through a public bucket); throws when unusable. */
function findCredentials(from) {
    const { env } = from;
    const id = env.AWS_ACCESS_KEY_ID?.trim();
    const secret = env.AWS_SECRET_ACCESS_KEY?.trim();
    if (id || secret) {
        if (!id || !secret) {
            throw new Error("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be given together");
        }
        const token = env.AWS_SESSION_TOKEN?.trim() || undefined;
        return {
            credentials: { accessKeyId: id, secretAccessKey: secret, sessionToken: token },
            source: "the environment",
        };
    }
    const profile = from.profile || env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || "default";
    const home = env.HOME || (0,external_node_os_namespaceObject.homedir)();
    const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || (0,external_node_path_namespaceObject.join)(home, ".aws", "credentials");
    const configFile = env.AWS_CONFIG_FILE || (0,external_node_path_namespaceObject.join)(home, ".aws", "config");
    const readFile = from.readFile ?? readTextFile;
    const inCredentials = section(readFile(credentialsFile), profile);
    const inConfig = section(readFile(configFile), profile === "default" ? "default" : `profile ${profile}`);
    for (const [values, file] of [
        [inCredentials, credentialsFile],
        [inConfig, configFile],
    ]) {
        if (values === undefined)
            continue;
        for (const unsupported of [
            "credential_process",
            "sso_session",
            "sso_start_url",
            "role_arn",
            "web_identity_token_file",
        ]) {
            if (values.has(unsupported)) {
                throw new Error(`profile '${profile}' in ${file} uses ${unsupported}, which this action does not run or follow: give ` +
                    "static keys, or export AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN in an earlier step " +
                    "(aws-actions/configure-aws-credentials does)");
            }
        }
        const fileId = values.get("aws_access_key_id");
        const fileSecret = values.get("aws_secret_access_key");
        if (fileId || fileSecret) {
            if (!fileId || !fileSecret) {
                throw new Error(`profile '${profile}' in ${file} needs both aws_access_key_id and aws_secret_access_key`);
            }
            const token = values.get("aws_session_token") || undefined;
            return {
                credentials: { accessKeyId: fileId, secretAccessKey: fileSecret, sessionToken: token },
                source: `profile '${profile}' in ${file}`,
            };
        }
    }
    if (from.profile !== undefined || env.AWS_PROFILE) {
        throw new Error(`profile '${profile}' has no keys in ${credentialsFile} or ${configFile}`);
    }
    return undefined;
}
/** The `name = value` lines of `[name]` in an INI file. */
function section(text, name) {
    if (text === undefined)
        return undefined;
    let inside = false;
    let found;
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === "" || line.startsWith("#") || line.startsWith(";"))
            continue;
        const header = /^\[(.+)\]$/.exec(line);
        if (header !== null) {
            inside = header[1]?.trim() === name;
            if (inside)
                found ??= new Map();
            continue;
        }
        const eq = line.indexOf("=");
        if (inside && eq > 0)
            found?.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
    }
    return found;
}
function readTextFile(path) {
    try {
        return (0,external_node_fs_.readFileSync)(path, "utf8");
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/cache/s3/location.ts
/** Parameters Nix's S3 store takes that this action reads; others of Nix's are refused by name, not ignored. */
const KNOWN = new Set(["region", "endpoint", "profile", "scheme"]);
/** Throws an Error saying what is wrong; it never quotes credentials, since a URL holds none. */
function parseS3Url(text, env) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new Error("it is not a URL");
    }
    if (url.protocol !== "s3:")
        throw new Error(`expected s3://, got ${url.protocol}//`);
    if (url.username !== "" || url.password !== "") {
        throw new Error("it holds credentials; give them as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead");
    }
    const bucket = url.hostname;
    const problem = bucketProblem(bucket);
    if (problem !== undefined)
        throw new Error(`the bucket name '${bucket}' ${problem}`);
    if (url.port !== "")
        throw new Error("a bucket name has no port; give a custom endpoint as `endpoint=`");
    // The URL parser has resolved '.' and '..' segments (encoded ones too) already.
    const prefix = decodeURIComponent(url.pathname.replace(/^\/+/, "").replace(/\/+$/, ""));
    for (const name of url.searchParams.keys()) {
        if (!KNOWN.has(name))
            throw new Error(`the parameter '${name}' is not one this action takes (region, endpoint, profile, scheme)`);
    }
    const region = url.searchParams.get("region") || env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
    if (!/^[a-z0-9-]+$/.test(region))
        throw new Error(`the region '${region}' is not a region name`);
    const endpointText = url.searchParams.get("endpoint") || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
    let endpoint;
    if (endpointText !== undefined) {
        const scheme = url.searchParams.get("scheme");
        // Nix takes `endpoint=host:port` with `scheme=http`; a full URL says it all.
        const full = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpointText)
            ? endpointText
            : `${scheme || "https"}://${endpointText}`;
        endpoint = URL.parse(full) ?? undefined;
        if (endpoint === undefined || (endpoint.protocol !== "https:" && endpoint.protocol !== "http:")) {
            throw new Error(`the endpoint '${endpointText}' is not an http(s) URL`);
        }
        if (endpoint.search !== "" || endpoint.hash !== "" || endpoint.username !== "") {
            throw new Error(`the endpoint '${endpoint.origin}…' must be a plain URL (no credentials, query or fragment)`);
        }
    }
    const profile = url.searchParams.get("profile") || undefined;
    return { location: { bucket, prefix: prefix === "" ? "" : `${prefix}/`, region, endpoint }, profile };
}
/** Why `name` cannot be an S3 bucket name (3–63 lower-case letters, digits, dots and hyphens), if it cannot. */
function bucketProblem(name) {
    if (name.length < 3 || name.length > 63)
        return "must be 3 to 63 characters long";
    if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) {
        return "may hold only lower-case letters, digits, dots and hyphens, and must start and end with a letter or digit";
    }
    return undefined;
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/lib/sigv4.ts
/**
 * AWS Signature Version 4 for S3 requests (the header form): the canonical request, the string to sign, the
 * derived key and the Authorization header, from AWS's published specification. Pure: the time is an argument.
 * Every S3-compatible store (R2, MinIO, Garage, Ceph, B2, …) verifies this same signature.
 */

/** The SHA-256 of no bytes: the payload hash of a GET or HEAD. */
const EMPTY_PAYLOAD_HASH = (0,external_node_crypto_namespaceObject.createHash)("sha256").update("").digest("hex");
/** The headers to send: the request's, plus host, x-amz-date, x-amz-content-sha256, the token and Authorization. */
function signRequest(request, credentials, scope, now) {
    const amzDate = now
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "");
    const date = amzDate.slice(0, 8);
    const headers = {};
    for (const [name, value] of Object.entries(request.headers ?? {}))
        headers[name.toLowerCase()] = value;
    headers.host = request.url.host;
    headers["x-amz-date"] = amzDate;
    headers["x-amz-content-sha256"] = request.payloadHash;
    if (credentials.sessionToken !== undefined)
        headers["x-amz-security-token"] = credentials.sessionToken;
    const names = Object.keys(headers).sort();
    const canonicalHeaders = names.map((name) => `${name}:${canonicalValue(headers[name] ?? "")}\n`).join("");
    const signedHeaders = names.join(";");
    const canonicalRequest = [
        request.method.toUpperCase(),
        canonicalPath(request.url.pathname),
        canonicalQuery(request.url.searchParams),
        canonicalHeaders,
        signedHeaders,
        request.payloadHash,
    ].join("\n");
    const credentialScope = `${date}/${scope.region}/${scope.service}/aws4_request`;
    const stringToSign = ["AWS4-HMAC-SHA256", amzDate, credentialScope, sha256Hex(canonicalRequest)].join("\n");
    const key = [date, scope.region, scope.service, "aws4_request"].reduce((previous, part) => hmac(previous, part), Buffer.from(`AWS4${credentials.secretAccessKey}`));
    const signature = (0,external_node_crypto_namespaceObject.createHmac)("sha256", key).update(stringToSign).digest("hex");
    headers.authorization =
        `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${credentialScope}, ` +
            `SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return headers;
}
/** S3's canonical URI: the path as sent, each segment URI-encoded once (no double encoding, as S3 asks). */
function canonicalPath(pathname) {
    return pathname
        .split("/")
        .map((segment) => uriEncode(decodeURIComponentSafe(segment)))
        .join("/");
}
function canonicalQuery(params) {
    return [...params]
        .map(([name, value]) => [uriEncode(name), uriEncode(value)])
        .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
        .map(([name, value]) => `${name}=${value}`)
        .join("&");
}
/** Header values: trimmed, runs of spaces made one. */
function canonicalValue(value) {
    return value.trim().replace(/\s+/g, " ");
}
/** RFC 3986 encoding, as SigV4 wants it: everything but A–Z a–z 0–9 - . _ ~ is %XX (upper case). */
function uriEncode(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function decodeURIComponentSafe(segment) {
    try {
        return decodeURIComponent(segment);
    }
    catch {
        return segment;
    }
}
function sha256Hex(text) {
    return (0,external_node_crypto_namespaceObject.createHash)("sha256").update(text).digest("hex");
}
function hmac(key, text) {
    return (0,external_node_crypto_namespaceObject.createHmac)("sha256", key).update(text).digest();
}

;// CONCATENATED MODULE: ./src/net/concurrently.ts
/** Requests a few at a time, for the backends that ask or upload many things at once. */
/**
 * Runs `work` on every item, at most `concurrency` at a time, in order of the items. After the first failure no
 * further item starts, and that error is thrown once the ones in flight have ended.
 */
async function forEachConcurrently(items, concurrency, work) {
    let next = 0;
    let failure;
    const worker = async () => {
        while (failure === undefined && next < items.length) {
            const item = items[next++];
            try {
                await work(item);
            }
            catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
    if (failure !== undefined)
        throw failure.error;
}

// EXTERNAL MODULE: ./src/net/http-request.ts + 4 modules
var http_request = __nccwpck_require__(391);
// EXTERNAL MODULE: ./src/net/retry.ts + 1 modules
var retry = __nccwpck_require__(40);
;// CONCATENATED MODULE: ./src/cache/s3/s3-client.ts
/**
 * The few S3 calls a binary cache needs — HEAD, GET and PUT of an object, and multipart uploads for large NARs —
 * signed with SigV4 (lib/sigv4.ts), retried by the action's one policy (503 SlowDown, 429, other 5xx, broken
 * connections; Retry-After honoured). Addressing as Nix's S3 store does: virtual-hosted on AWS, path-style on a
 * custom endpoint (MinIO, R2, Garage, Ceph, …).
 */






/** An S3 error answer: its HTTP status and the code S3 gave (`SignatureDoesNotMatch`, `NoSuchBucket`, …). */
class S3Error extends Error {
    status;
    code;
    constructor(message, status, code) {
        super(message);
        this.status = status;
        this.code = code;
        this.name = "S3Error";
    }
}
const MIB = 2 ** 20;
const MAX_PARTS = 10_000;
/**
 * Above this many bytes a file goes up in parts, 8 MiB each, 4 at a time: from 32 MiB on, that is faster than one
 * PUT on every network shape bench (h) models, one object or five at once (bench/results/s3/full.md); at 16 MiB it
 * is slower with five at once. One connection's throughput is bounded by its window over the round trip, so parts
 * in parallel are what makes a large NAR go up faster.
 */
const MULTIPART_THRESHOLD = 32 * MIB;
const PART_SIZE = 8 * MIB;
const PART_CONCURRENCY = 4;
class S3Client {
    location;
    credentials;
    now;
    policy;
    multipartThreshold;
    partSize;
    partConcurrency;
    constructor(location, credentials, options = {}) {
        this.location = location;
        this.credentials = credentials;
        this.now = options.now ?? (() => new Date());
        this.policy = options.policy ?? (0,retry/* retryPolicy */.Jb)({ attempts: 5, baseDelayMs: 500 });
        this.multipartThreshold = options.multipartThreshold ?? MULTIPART_THRESHOLD;
        this.partSize = Math.max(5 * MIB, options.partSize ?? PART_SIZE);
        this.partConcurrency = Math.max(1, options.partConcurrency ?? PART_CONCURRENCY);
    }
    /** The URL of object `key` (below the prefix), with `query`. */
    url(key, query = {}) {
        return this.bucketUrl(`${this.location.prefix}${key}`.split("/").map(uriEncode).join("/"), query);
    }
    /** The URL of `path` (already encoded) in the bucket, with `query`. */
    bucketUrl(path, query) {
        const { bucket, endpoint, region } = this.location;
        const url = endpoint === undefined
            ? new URL(`https://${bucket}.s3.${region}.amazonaws.com/${path}`)
            : new URL(`${endpoint.href.replace(/\/$/, "")}/${uriEncode(bucket)}/${path}`);
        for (const [name, value] of Object.entries(query))
            url.searchParams.set(name, value);
        return url;
    }
    /** Whether object `key` exists. */
    async exists(key, signal) {
        return (await this.head(key, signal)) !== undefined;
    }
    /** Object `key`'s bytes, or undefined when there is none. */
    async get(key, signal, maxBytes) {
        const response = await this.send("GET", this.url(key), undefined, EMPTY_PAYLOAD_HASH, {}, signal, maxBytes);
        if (response.status === 404)
            return undefined;
        if (response.status === 200)
            return response.body;
        throw this.error(`GET ${key}`, response);
    }
    /** Every object below the prefix: its key (relative to the prefix), size, last change and ETag. */
    async list(signal) {
        const objects = [];
        let token;
        do {
            const query = { "list-type": "2" };
            if (this.location.prefix !== "")
                query.prefix = this.location.prefix;
            if (token !== undefined)
                query["continuation-token"] = token;
            // The bucket's root, not an object: the prefix goes in the query.
            const url = this.bucketUrl("", query);
            const response = await this.send("GET", url, undefined, EMPTY_PAYLOAD_HASH, {}, signal, 64 * MIB);
            if (response.status !== 200)
                throw this.error("ListObjectsV2", response);
            const xml = response.body.toString("utf8");
            for (const [, body = ""] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
                const key = xmlValue(body, "Key") ?? "";
                if (!key.startsWith(this.location.prefix))
                    continue;
                objects.push({
                    key: key.slice(this.location.prefix.length),
                    size: Number(xmlValue(body, "Size") ?? 0),
                    lastModifiedMs: Date.parse(xmlValue(body, "LastModified") ?? "") || 0,
                    etag: xmlValue(body, "ETag") ?? "",
                });
            }
            token = xmlValue(xml, "IsTruncated") === "true" ? xmlValue(xml, "NextContinuationToken") : undefined;
        } while (token !== undefined);
        return objects;
    }
    /** Object `key`'s ETag and last change (to the second, as a HEAD tells it), or undefined when there is none. */
    async head(key, signal) {
        const response = await this.send("HEAD", this.url(key), undefined, EMPTY_PAYLOAD_HASH, {}, signal);
        if (response.status === 404)
            return undefined;
        if (response.status !== 200) {
            // A HEAD's answer has no body, so no error code: a GET tells why (a refused key, a denied action).
            const why = await this.send("GET", this.url(key), undefined, EMPTY_PAYLOAD_HASH, {}, signal, 64 * 1024).catch(() => response);
            throw this.error(`HEAD ${key}`, why.status === response.status ? why : response);
        }
        const { etag, "last-modified": lastModified } = response.headers;
        return {
            etag: typeof etag === "string" ? etag : "",
            lastModifiedMs: Date.parse(typeof lastModified === "string" ? lastModified : "") || 0,
        };
    }
    /** Deletes object `key` (gone already is fine). */
    async delete(key, signal) {
        const response = await this.send("DELETE", this.url(key), undefined, EMPTY_PAYLOAD_HASH, {}, signal);
        if (response.status !== 204 && response.status !== 200 && response.status !== 404) {
            throw this.error(`DELETE ${key}`, response);
        }
    }
    /**
     * Object `key` as a stream, for the read proxy to pass on as it arrives; undefined when there is none. Failures
     * before the first byte (5xx, connection trouble) are retried.
     */
    async open(key, signal) {
        const url = this.url(key);
        return (0,retry/* withRetries */.LH)(async ({ signal: attemptSignal }) => {
            const headers = signRequest({ method: "GET", url, payloadHash: EMPTY_PAYLOAD_HASH }, this.credentials(), { region: this.location.region, service: "s3" }, this.now());
            const response = await (0,http_request/* openResponse */.sU)({ method: "GET", url, headers }, { timeoutMs: this.policy.requestTimeoutMs, signal: attemptSignal });
            const status = response.statusCode ?? 0;
            if (status === 200)
                return response;
            const chunks = [];
            for await (const chunk of response)
                chunks.push(chunk);
            if (status === 404)
                return undefined;
            if ((0,retry/* isRetryableStatus */.PS)(status))
                throw new retry/* RetryableError */.dw(`HTTP ${status}`);
            throw this.error(`GET ${key}`, { status, headers: response.headers, body: Buffer.concat(chunks) });
        }, { policy: this.policy, signal });
    }
    /** Writes a small object from memory. */
    async put(key, body, contentType, signal) {
        const hash = (0,external_node_crypto_namespaceObject.createHash)("sha256").update(body).digest("hex");
        const response = await this.send("PUT", this.url(key), body, hash, { "Content-Type": contentType }, signal);
        if (response.status !== 200)
            throw this.error(`PUT ${key}`, response);
    }
    /**
     * Writes `size` bytes of `file` as object `key`: one PUT up to the multipart threshold, parts above it. `sha256`
     * (hex), when the caller knows it, is the signed payload hash of a single PUT.
     */
    async putFile(key, file, size, options, signal) {
        if (size <= this.multipartThreshold) {
            const hash = options.sha256 ?? (await fileSha256(file, 0, size));
            const response = await this.send("PUT", this.url(key), (0,http_request/* fileBody */.hh)(file, size), hash, { "Content-Type": options.contentType }, signal);
            if (response.status !== 200)
                throw this.error(`PUT ${key}`, response);
            return;
        }
        await this.putMultipart(key, file, size, options.contentType, signal);
    }
    async putMultipart(key, file, size, contentType, signal) {
        const created = await this.send("POST", this.url(key, { uploads: "" }), undefined, EMPTY_PAYLOAD_HASH, { "Content-Type": contentType }, signal);
        if (created.status !== 200)
            throw this.error(`CreateMultipartUpload ${key}`, created);
        const uploadId = xmlValue(created.body.toString("utf8"), "UploadId");
        if (uploadId === undefined)
            throw new S3Error(`CreateMultipartUpload ${key}: no UploadId`, 200, "");
        try {
            const partSize = Math.max(this.partSize, Math.ceil(size / MAX_PARTS));
            const starts = Array.from({ length: Math.ceil(size / partSize) }, (_, i) => i * partSize);
            const etags = [];
            // The first part that fails stops the others: no part starts after it, and those in flight are cut.
            const parts = new AbortController();
            const partSignal = AbortSignal.any([signal, parts.signal]);
            await forEachConcurrently(starts, this.partConcurrency, async (start) => {
                const number = start / partSize + 1;
                const length = Math.min(partSize, size - start);
                try {
                    const hash = await fileSha256(file, start, length);
                    const url = this.url(key, { partNumber: String(number), uploadId });
                    const response = await this.send("PUT", url, (0,http_request/* fileBody */.hh)(file, length, start), hash, {}, partSignal);
                    const etag = response.headers.etag;
                    if (response.status !== 200 || typeof etag !== "string")
                        throw this.error(`UploadPart ${number} of ${key}`, response);
                    etags[number - 1] = etag;
                }
                catch (error) {
                    parts.abort();
                    throw error;
                }
            });
            const xml = `<CompleteMultipartUpload>${etags
                .map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${xmlEscape(etag)}</ETag></Part>`)
                .join("")}</CompleteMultipartUpload>`;
            const hash = (0,external_node_crypto_namespaceObject.createHash)("sha256").update(xml).digest("hex");
            const completed = await this.send("POST", this.url(key, { uploadId }), xml, hash, {}, signal);
            const answer = completed.body.toString("utf8");
            // A retried completion whose first answer was lost finds the upload gone and the object there, made of parts
            // (a NAR's key names its content, so such an object at that key is this one).
            if (completed.status === 404 && xmlValue(answer, "Code") === "NoSuchUpload") {
                const there = await this.head(key, signal).catch(() => undefined);
                if (there !== undefined && /-\d+"?$/.test(there.etag))
                    return;
            }
            // S3 may answer 200 with an error document when completing fails late.
            if (completed.status !== 200 || /<Error>/.test(answer)) {
                throw this.error(`CompleteMultipartUpload ${key}`, completed);
            }
        }
        catch (error) {
            // Parts left behind cost storage until a lifecycle rule removes them: abort, best effort, even when stopped.
            await this.send("DELETE", this.url(key, { uploadId }), undefined, EMPTY_PAYLOAD_HASH, {}, AbortSignal.timeout(10_000)).catch(() => { });
            throw error;
        }
    }
    send(method, url, body, payloadHash, headers, signal, maxResponseBytes) {
        const length = body === undefined ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.length;
        const toSign = method === "PUT" || method === "POST"
            ? { ...headers, "Content-Length": String(length) }
            : { ...headers };
        const signed = signRequest({ method, url, headers: toSign, payloadHash }, this.credentials(), {
            region: this.location.region,
            service: "s3",
        }, this.now());
        return (0,retry/* sendWithRetries */.HI)({ method, url, headers: signed, body }, { policy: this.policy, signal, maxResponseBytes });
    }
    error(what, response) {
        const text = response.body.toString("utf8");
        const code = xmlValue(text, "Code") ?? "";
        const message = xmlValue(text, "Message") ?? text.slice(0, 200).replace(/\s+/g, " ").trim();
        const detail = [code, message].filter((part) => part !== "").join(": ");
        return new S3Error(`${what} answered HTTP ${response.status}${detail === "" ? "" : ` (${detail})`}`, response.status, code);
    }
}
/** Hex SHA-256 of `length` bytes of `file` from `start`. */
async function fileSha256(file, start, length) {
    const hash = (0,external_node_crypto_namespaceObject.createHash)("sha256");
    if (length > 0) {
        for await (const chunk of (0,external_node_fs_.createReadStream)(file, {
            start,
            end: start + length - 1,
            highWaterMark: MIB,
        })) {
            hash.update(chunk);
        }
    }
    return hash.digest("hex");
}
function xmlValue(xml, element) {
    const raw = new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml)?.[1];
    return raw
        ?.replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&");
}
function xmlEscape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

;// CONCATENATED MODULE: ./src/lib/bytes.ts
/** "1.5 MiB": sizes for people. */
function formatBytes(bytes) {
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __nccwpck_require__(268);
;// CONCATENATED MODULE: ./src/lib/cache-info.ts
/** A binary cache's `nix-cache-info`: the one we write, and the StoreDir of one we read. */

/** The `nix-cache-info` we write; WantMassQuery lets Nix ask for many paths at once. */
function renderCacheInfo(storeDir) {
    return `StoreDir: ${storeDir}\nWantMassQuery: 1\n`;
}
/**
 * Refuses a cache whose `nix-cache-info` names another StoreDir, as Nix does: nothing in it could be substituted
 * here. None yet (`cacheInfo` undefined), or one without StoreDir, is fine. Returns the StoreDir it names.
 */
function checkCacheStoreDir(where, cacheInfo, storeDir) {
    const storeDirOfCache = cacheInfo === undefined ? undefined : parseCacheInfoStoreDir(cacheInfo);
    if (storeDirOfCache !== undefined && storeDirOfCache !== storeDir) {
        throw new CacheError(`${where} is a cache for ${storeDirOfCache}, but this Nix uses ${storeDir}`);
    }
    return storeDirOfCache;
}
/** The StoreDir a `nix-cache-info` names, if any. */
function parseCacheInfoStoreDir(text) {
    for (const line of text.split("\n")) {
        const colon = line.indexOf(":");
        if (colon > 0 && line.slice(0, colon).trim() === "StoreDir")
            return line.slice(colon + 1).trim();
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/lib/hash.ts
var lib_hash = __nccwpck_require__(639);
// EXTERNAL MODULE: ./src/lib/nix-base32.ts
var nix_base32 = __nccwpck_require__(745);
;// CONCATENATED MODULE: ./src/lib/store-path.ts

/** The store directory every Nix uses unless it was built or configured otherwise. */
const DEFAULT_STORE_DIR = "/nix/store";
const HASH_PART_LENGTH = 32;
// Nix caps names so that the whole basename fits in a 255-byte file name with room for suffixes.
const MAX_NAME_LENGTH = 211;
const BASENAME = new RegExp(`^[${nix_base32/* NIX_BASE32_ALPHABET */.ZO}]{${HASH_PART_LENGTH}}-[A-Za-z0-9+\\-._?=]+$`);
function basenameProblem(basename) {
    if (!BASENAME.test(basename)) {
        return "expected <32 nix32 characters>-<name> with a name made of A-Z a-z 0-9 + - . _ ? =";
    }
    const name = basename.slice(HASH_PART_LENGTH + 1);
    if (name.startsWith("."))
        return "the name must not start with '.'";
    if (name.length > MAX_NAME_LENGTH)
        return `the name is longer than ${MAX_NAME_LENGTH} characters`;
    return undefined;
}
/** Whether a directory entry of the store is a store path (and not `.links`, a lock file, …). */
function isStorePathBasename(basename) {
    return basenameProblem(basename) === undefined;
}
/** Parses `<storeDir>/<hash>-<name>`; throws on anything else, including paths inside a store path. */
function store_path_parseStorePath(path, storeDir = DEFAULT_STORE_DIR) {
    const prefix = `${storeDir}/`;
    if (!path.startsWith(prefix)) {
        throw new Error(`${JSON.stringify(path)} is not a store path: it is not directly in ${storeDir}`);
    }
    const basename = path.slice(prefix.length);
    const problem = basename.includes("/") ? "it lies inside a store path" : basenameProblem(basename);
    if (problem !== undefined) {
        throw new Error(`${JSON.stringify(path)} is not a store path: ${problem}`);
    }
    return {
        full: path,
        basename,
        hashPart: basename.slice(0, HASH_PART_LENGTH),
        name: basename.slice(HASH_PART_LENGTH + 1),
    };
}
/** The hash part of a full store path or a bare basename; throws if it is neither. */
function hashPartOf(pathOrBasename) {
    const basename = pathOrBasename.slice(pathOrBasename.lastIndexOf("/") + 1);
    const problem = basenameProblem(basename);
    if (problem !== undefined) {
        throw new Error(`${JSON.stringify(pathOrBasename)} is not a store path: ${problem}`);
    }
    return basename.slice(0, HASH_PART_LENGTH);
}

;// CONCATENATED MODULE: ./src/lib/narinfo.ts



/** Without duplicates, in byte order: Nix keeps these in std::set, and JS's UTF-16 sort does not always match. */
function sortedUnique(values) {
    const unique = [...new Set(values)];
    // Store paths and signatures are ASCII, where UTF-16 order is byte order: no buffers per comparison.
    if (unique.every((value) => ASCII.test(value)))
        return unique.sort();
    return unique.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}
/** Printable ASCII: what store paths and signatures are made of. */
const ASCII = /^[ -~]*$/;
function storeDirOf(storePath) {
    return storePath.slice(0, Math.max(0, storePath.lastIndexOf("/")));
}
function sizeText(field, size) {
    if (!Number.isSafeInteger(size) || size < 0)
        throw new Error(`${field} must be a non-negative integer`);
    return String(size);
}
/** Renders a narinfo byte for byte as Nix 2.8 writes it. */
function renderNarInfo(info) {
    const storeDir = storeDirOf(info.storePath);
    parseStorePath(info.storePath, storeDir);
    const basename = (path) => parseStorePath(path, storeDir).basename;
    for (const [field, value] of Object.entries({
        URL: info.url,
        Compression: info.compression,
        CA: info.ca,
    })) {
        if (value !== undefined && /[\r\n]/.test(value)) {
            throw new Error(`narinfo ${field} contains a line break`);
        }
    }
    if (info.url === "" || info.compression === "") {
        throw new Error("narinfo URL and Compression must not be empty");
    }
    for (const sig of info.sigs) {
        if (/[\r\n]/.test(sig))
            throw new Error("narinfo Sig contains a line break");
    }
    const lines = [
        `StorePath: ${info.storePath}`,
        `URL: ${info.url}`,
        `Compression: ${info.compression}`,
        `FileHash: ${formatSha256Nix32(info.fileHash)}`,
        `FileSize: ${sizeText("FileSize", info.fileSize)}`,
        `NarHash: ${formatSha256Nix32(info.narHash)}`,
        `NarSize: ${sizeText("NarSize", info.narSize)}`,
        `References: ${sortedUnique(info.references.map(basename)).join(" ")}`,
    ];
    if (info.deriver !== undefined)
        lines.push(`Deriver: ${basename(info.deriver)}`);
    for (const sig of sortedUnique(info.sigs))
        lines.push(`Sig: ${sig}`);
    if (info.ca !== undefined)
        lines.push(`CA: ${info.ca}`);
    return `${lines.join("\n")}\n`;
}
/**
 * The string a narinfo signature signs: `1;<path>;sha256:<nix32>;<narSize>;<sorted full references>`.
 * URL, compression, file hash, deriver and CA are not covered.
 */
function narInfoFingerprint(storePath, narHash, narSize, references) {
    if (!Number.isSafeInteger(narSize) || narSize <= 0) {
        throw new Error(`cannot fingerprint ${storePath}: its NAR size is not known`);
    }
    const storeDir = storeDirOf(storePath);
    for (const ref of [storePath, ...references])
        parseStorePath(ref, storeDir);
    return `1;${storePath};${formatSha256Nix32(narHash)};${narSize};${sortedUnique(references).join(",")}`;
}
/**
 * Parses a narinfo with Nix's rules: `Key: value` lines each ending in LF, unknown keys ignored, Compression
 * defaulting to bzip2, `unknown-deriver` meaning none. Stricter than Nix where Nix silently misreads.
 */
function parseNarInfo(text, storeDir = DEFAULT_STORE_DIR) {
    const corrupt = (why) => new Error(`corrupt narinfo: ${why}`);
    if (text.includes("\r"))
        throw corrupt("it contains a carriage return (CRLF line endings?)");
    if (text === "" || !text.endsWith("\n"))
        throw corrupt("it is empty or its last line lacks a newline");
    const fields = new Map();
    const lines = text.slice(0, -1).split("\n");
    for (const [index, line] of lines.entries()) {
        // Like Nix: the key ends at the first ':' and the value starts two characters later.
        const colon = line.indexOf(":");
        if (colon <= 0 || line[colon + 1] !== " ")
            throw corrupt(`line ${index + 1} is not 'Key: value'`);
        const key = line.slice(0, colon);
        fields.set(key, [...(fields.get(key) ?? []), line.slice(colon + 2)]);
    }
    const single = (key) => {
        const values = fields.get(key);
        if (values !== undefined && values.length > 1)
            throw corrupt(`${key} appears ${values.length} times`);
        return values?.[0];
    };
    const required = (key) => {
        const value = single(key);
        if (value === undefined || value === "")
            throw corrupt(`${key} is missing`);
        return value;
    };
    const hash = (key) => {
        try {
            return (0,lib_hash/* parseSha256 */.tz)(required(key));
        }
        catch (error) {
            throw corrupt(`${key}: ${(0,errors/* describeError */.Uc)(error)}`);
        }
    };
    const size = (key) => {
        const value = required(key);
        if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value))) {
            throw corrupt(`${key} is not a size`);
        }
        return Number(value);
    };
    const storePath = (value) => {
        try {
            return store_path_parseStorePath(value, storeDir).full;
        }
        catch (error) {
            throw corrupt((0,errors/* describeError */.Uc)(error));
        }
    };
    const narSize = size("NarSize");
    if (narSize === 0)
        throw corrupt("NarSize is 0");
    const deriver = single("Deriver");
    const ca = single("CA");
    return {
        storePath: storePath(required("StorePath")),
        url: required("URL"),
        compression: single("Compression") || "bzip2",
        fileHash: hash("FileHash"),
        fileSize: size("FileSize"),
        narHash: hash("NarHash"),
        narSize,
        references: (single("References") ?? "")
            .split(" ")
            .filter((ref) => ref !== "")
            .map((ref) => storePath(`${storeDir}/${ref}`)),
        ...(deriver !== undefined && deriver !== "unknown-deriver"
            ? { deriver: storePath(`${storeDir}/${deriver}`) }
            : {}),
        sigs: fields.get("Sig") ?? [],
        ...(ca !== undefined ? { ca } : {}),
    };
}

;// CONCATENATED MODULE: ./src/lib/referrers.ts
/**
 * Who refers to whom among a cache's paths, and the closure rule every removal keeps: when a path goes, so does
 * every path that refers to it (a narinfo must never outlive its references). Iterative: chains can be deep.
 */

/** Hash part → hash parts of the paths that refer to it (a path's reference to itself left out). */
function referrersOf(paths) {
    const referrers = new Map();
    for (const [hashPart, references] of paths) {
        for (const reference of references) {
            const target = hashPartOf(reference);
            if (target === hashPart)
                continue;
            const list = referrers.get(target);
            if (list === undefined)
                referrers.set(target, [hashPart]);
            else
                list.push(hashPart);
        }
    }
    return referrers;
}
/** `roots` and every path that refers to one of them, directly or through others. */
function withReferrers(referrers, roots) {
    const result = new Set();
    const queue = [...roots];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
        if (result.has(next))
            continue;
        result.add(next);
        queue.push(...(referrers.get(next) ?? []));
    }
    return result;
}

;// CONCATENATED MODULE: ./src/upkeep/plan.ts


/** A push in progress never takes this long between its NAR and its narinfo. */
const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;
/** Our own temporary names (file/atomic-files.ts): `<name>.<pid>.<random>.tmp`, beside the file or in nar/. */
const TEMPORARY = /^(nar\/)?[^/]+\.\d+\.[a-z0-9]+\.tmp$/;
const NAR = /^nar\/[^/]+\.nar(\.[a-z0-9]+)?$/;
function planCollection(listing, options) {
    const { files, narinfos } = listing;
    const narinfoName = (hashPart) => `${hashPart}.narinfo`;
    const mtime = (hashPart) => files.get(narinfoName(hashPart))?.mtimeMs ?? options.now;
    const referrers = referrersOf([...narinfos].map(([hashPart, info]) => [hashPart, info.references]));
    const removed = new Set();
    /** Removes `root` with its referrers; returns the paths newly removed. */
    const remove = (root) => {
        // Each path once: its referrers were taken with it.
        if (removed.has(root))
            return [];
        const added = [];
        for (const hashPart of withReferrers(referrers, [root])) {
            if (narinfos.has(hashPart) && !removed.has(hashPart)) {
                removed.add(hashPart);
                added.push(hashPart);
            }
        }
        return added;
    };
    if (options.olderThanMs !== undefined) {
        for (const hashPart of narinfos.keys()) {
            if (options.now - mtime(hashPart) > options.olderThanMs)
                remove(hashPart);
        }
    }
    const bytesOf = (kept) => {
        let total = 0;
        const nars = new Set();
        for (const [hashPart, info] of narinfos) {
            if (!kept(hashPart))
                continue;
            total += files.get(narinfoName(hashPart))?.size ?? 0;
            if (!nars.has(info.url))
                total += files.get(info.url)?.size ?? 0;
            nars.add(info.url);
        }
        return total;
    };
    const before = bytesOf(() => true);
    if (options.maxBytes !== undefined) {
        // A running total: a narinfo's bytes go with it, a NAR's with the last narinfo that names it.
        const narUsers = new Map();
        for (const [hashPart, info] of narinfos) {
            if (!removed.has(hashPart))
                narUsers.set(info.url, (narUsers.get(info.url) ?? 0) + 1);
        }
        let total = bytesOf((h) => !removed.has(h));
        const oldestFirst = [...narinfos.keys()].sort((a, b) => mtime(a) - mtime(b) || (a < b ? -1 : 1));
        for (const hashPart of oldestFirst) {
            if (total <= options.maxBytes)
                break;
            for (const gone of remove(hashPart)) {
                const info = narinfos.get(gone);
                total -= files.get(narinfoName(gone))?.size ?? 0;
                const users = (narUsers.get(info?.url ?? "") ?? 1) - 1;
                narUsers.set(info?.url ?? "", users);
                if (users === 0)
                    total -= files.get(info?.url ?? "")?.size ?? 0;
            }
        }
    }
    const named = new Set([...narinfos].filter(([h]) => !removed.has(h)).map(([, info]) => info.url));
    const old = (name) => options.now - (files.get(name)?.mtimeMs ?? options.now) > ORPHAN_AGE_MS;
    const names = [...files.keys()];
    return {
        narinfos: referrersFirst([...removed], narinfos).map(narinfoName),
        nars: names.filter((name) => NAR.test(name) && !named.has(name) && old(name)).sort(),
        temporary: names.filter((name) => TEMPORARY.test(name) && old(name)).sort(),
        before,
        after: bytesOf((h) => !removed.has(h)),
    };
}
/** `hashParts` ordered so that every path comes before the paths it refers to (iteratively: chains can be deep). */
function referrersFirst(hashParts, narinfos) {
    const set = new Set(hashParts);
    const referencesOf = (hashPart) => (narinfos.get(hashPart)?.references ?? []).map(hashPartOf).filter((r) => r !== hashPart && set.has(r));
    const referredBy = new Map();
    for (const hashPart of set)
        for (const r of referencesOf(hashPart))
            referredBy.set(r, (referredBy.get(r) ?? 0) + 1);
    const ready = [...set].filter((h) => (referredBy.get(h) ?? 0) === 0).sort();
    const order = [];
    for (let next = ready.shift(); next !== undefined; next = ready.shift()) {
        order.push(next);
        for (const r of referencesOf(next)) {
            const left = (referredBy.get(r) ?? 0) - 1;
            referredBy.set(r, left);
            if (left === 0)
                ready.push(r);
        }
    }
    // Nix's references form no cycles but a path's own; anything left (a malformed cache) goes last.
    const ordered = new Set(order);
    return [...order, ...[...set].filter((h) => !ordered.has(h)).sort()];
}

;// CONCATENATED MODULE: ./src/upkeep/gc-command.ts
/**
 * `gc CACHE [--dry-run] [--older-than DAYS] [--max-size SIZE]`: upkeep of a binary cache this action pushes to
 * (file://, or s3:// with the job's AWS credentials): removes what killed pushes left behind and, on request, old paths or the least recently
 * written beyond a size, keeping the cache closed under references (see plan.ts for the rules). Narinfos go first,
 * referrers before what they refer to, so a reader never sees a narinfo without its NAR or its references.
 */












const GC_USAGE = `  nix-binary-cache-key gc CACHE [--dry-run] [--older-than DAYS] [--max-size SIZE]
      Upkeep of a file:// or s3:// binary cache (s3:// with the AWS_* credentials): removes temporary files and NARs no narinfo names (once a day old, so a
      push in progress is never raced) and, when asked, paths whose narinfo is older than DAYS days or the least
      recently written beyond SIZE (e.g. 20G), each with every path that refers to it. --dry-run lists what would go.
`;
/** Runs the command; returns the exit code (0 done, 1 failed, 2 bad usage). */
async function runGcCommand(args, io) {
    let parsed;
    try {
        parsed = parseGcArgs(args, io.env ?? {});
    }
    catch (error) {
        io.err(`${(0,errors/* describeError */.Uc)(error)}\n\nUsage:\n${GC_USAGE}`);
        return 2;
    }
    try {
        const now = io.now?.() ?? Date.now();
        const cache = parsed.cache;
        const listed = await cache.list();
        const listing = await readListing(cache, listed);
        const plan = planCollection(listing, { now, olderThanMs: parsed.olderThanMs, maxBytes: parsed.maxBytes });
        const verb = parsed.dryRun ? "would remove" : "removed";
        for (const name of [...plan.narinfos, ...plan.nars, ...plan.temporary]) {
            if (!parsed.dryRun && !(await cache.removeIfUnchanged(name, listed.get(name)?.tag ?? ""))) {
                io.out(`kept ${name}: it changed since it was listed (a push in progress)`);
                continue;
            }
            io.out(`${verb} ${name}`);
        }
        io.err(`${parsed.dryRun ? "Would remove" : "Removed"} ${plan.narinfos.length} paths, ${plan.nars.length} NARs no narinfo ` +
            `names and ${plan.temporary.length} temporary files; the cache's narinfos and NARs: ` +
            `${formatBytes(plan.before)} → ${formatBytes(plan.after)}.`);
        return 0;
    }
    catch (error) {
        io.err(`gc: ${(0,errors/* describeError */.Uc)(error)}`);
        return 1;
    }
}
function parseGcArgs(args, env) {
    let cache;
    let dryRun = false;
    let olderThanMs;
    let maxBytes;
    for (let i = 0; i < args.length; i++) {
        const arg = args[i] ?? "";
        const value = () => {
            const next = args[++i];
            if (next === undefined)
                throw new Error(`${arg} needs a value`);
            return next;
        };
        if (arg === "--dry-run")
            dryRun = true;
        else if (arg === "--older-than") {
            const text = value();
            const days = Number(text);
            if (!(days > 0) || !Number.isFinite(days))
                throw new Error(`--older-than takes days above 0, got '${text}'`);
            olderThanMs = days * 24 * 60 * 60 * 1000;
        }
        else if (arg === "--max-size")
            maxBytes = parseSize(value());
        else if (arg.startsWith("-"))
            throw new Error(`unknown option ${arg}`);
        else if (cache !== undefined)
            throw new Error("give one cache");
        else
            cache = cacheFiles(arg, env);
    }
    if (cache === undefined)
        throw new Error("give the cache to clean up, e.g. file:///srv/nix-cache");
    return { cache, dryRun, olderThanMs, maxBytes };
}
function cacheFiles(text, env) {
    if (text.startsWith("s3://")) {
        const { location, profile } = parseS3Url(text, env);
        const found = findCredentials({ env, profile });
        if (found === undefined)
            throw new Error("no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        return s3Files(new S3Client(location, () => found.credentials));
    }
    const url = URL.parse(text);
    if (url?.protocol !== "file:")
        throw new Error(`expected a file:// or s3:// cache URL, got '${text}'`);
    return directoryFiles((0,external_node_url_namespaceObject.fileURLToPath)(url));
}
function parseSize(text) {
    const match = /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(text.trim());
    if (match === null)
        throw new Error(`--max-size takes a size such as 20G or 500M, got '${text}'`);
    const power = " KMGT".indexOf((match[2] || " ").toUpperCase());
    return Math.floor(Number(match[1]) * 1024 ** power);
}
/** A file:// cache: every regular file below its root (links are left alone). */
function directoryFiles(root) {
    const tagOf = (stat) => `${stat.ino}:${stat.mtimeMs}`;
    return {
        async list() {
            const files = new Map();
            const walk = (dir, prefix) => {
                for (const entry of (0,external_node_fs_.readdirSync)((0,external_node_path_namespaceObject.join)(root, dir), { withFileTypes: true })) {
                    const name = `${prefix}${entry.name}`;
                    if (entry.isDirectory())
                        walk((0,external_node_path_namespaceObject.join)(dir, entry.name), `${name}/`);
                    else if (entry.isFile()) {
                        // A push in progress renames its temporary files into place: one listed a moment ago may be gone.
                        const stat = (0,external_node_fs_.lstatSync)((0,external_node_path_namespaceObject.join)(root, name), { throwIfNoEntry: false });
                        if (stat !== undefined)
                            files.set(name, { size: stat.size, mtimeMs: stat.mtimeMs, tag: tagOf(stat) });
                    }
                }
            };
            walk("", "");
            return files;
        },
        read: async (name) => (0,external_node_fs_.readFileSync)((0,external_node_path_namespaceObject.join)(root, name), "utf8"),
        async removeIfUnchanged(name, tag) {
            const path = (0,external_node_path_namespaceObject.join)(root, name);
            try {
                if (tagOf((0,external_node_fs_.lstatSync)(path)) !== tag)
                    return false;
                (0,external_node_fs_.unlinkSync)(path);
                return true;
            }
            catch (error) {
                if (error.code === "ENOENT")
                    return true;
                throw error;
            }
        },
    };
}
/**
 * An s3:// cache: the objects below its prefix. The tag is the ETag with the last change, to the second: a NAR
 * pushed again has the same ETag (its key and bytes name its content), but is new.
 */
function s3Files(client) {
    const signal = () => AbortSignal.timeout(5 * 60_000);
    const tagOf = (etag, lastModifiedMs) => `${etag} ${Math.floor(lastModifiedMs / 1000)}`;
    return {
        async list() {
            const files = new Map();
            for (const object of await client.list(signal())) {
                const tag = tagOf(object.etag, object.lastModifiedMs);
                files.set(object.key, { size: object.size, mtimeMs: object.lastModifiedMs, tag });
            }
            return files;
        },
        async read(name) {
            const bytes = await client.get(name, signal());
            if (bytes === undefined)
                throw new Error(`${name} is gone`);
            return bytes.toString("utf8");
        },
        async removeIfUnchanged(name, tag) {
            const now = await client.head(name, signal());
            if (now === undefined)
                return true;
            if (tagOf(now.etag, now.lastModifiedMs) !== tag)
                return false;
            await client.delete(name, signal());
            return true;
        },
    };
}
/** The listing with its narinfos read and parsed (one that does not parse is left as an unknown file). */
async function readListing(cache, files) {
    if (!files.has("nix-cache-info"))
        throw new Error("there is no nix-cache-info: it is not a binary cache");
    const storeDir = parseCacheInfoStoreDir(await cache.read("nix-cache-info")) ?? DEFAULT_STORE_DIR;
    const narinfos = new Map();
    for (const name of files.keys()) {
        const hashPart = /^([0-9a-z]{32})\.narinfo$/.exec(name)?.[1];
        if (hashPart === undefined)
            continue;
        try {
            narinfos.set(hashPart, parseNarInfo(await cache.read(name), storeDir));
        }
        catch {
            // Not one it can read: left as it is.
        }
    }
    return { files, narinfos };
}


/***/ }),

/***/ 982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

//# sourceMappingURL=index.js.map