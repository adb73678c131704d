#!/usr/bin/env node
/**
 * Writes the add-in's PNG icons into this folder with nothing but Node's zlib (no image library):
 *   icon-16/32/64/80.png  Excel-green rounded square with a white check mark (一键审核 / 打开助手 / IconUrl)
 *   clear-16/32/80.png    the same square in red with a white cross (清除标记)
 * Shapes are computed per pixel with 4×4 supersampling for smooth edges. Run: node assets/make-icons.js
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function segDist(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
function inRoundedSquare(x, y, margin, radius) {
  const lo = margin;
  const hi = 1 - margin;
  if (x < lo || x > hi || y < lo || y > hi) return false;
  const cx = Math.min(Math.max(x, lo + radius), hi - radius);
  const cy = Math.min(Math.max(y, lo + radius), hi - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

/** 0 = transparent, 1 = background, 2 = glyph, at unit coordinates. */
function icon(size, background, glyph) {
  const S = 4;
  const out = Buffer.alloc(size * size * 4);
  const margin = size <= 16 ? 0 : 1 / 16;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const u = (x + (sx + 0.5) / S) / size;
          const v = (y + (sy + 0.5) / S) / size;
          if (!inRoundedSquare(u, v, margin, 0.18)) continue;
          if (glyph(u, v)) fg++;
          else bg++;
        }
      }
      const n = S * S;
      const a = (bg + fg) / n;
      const i = (y * size + x) * 4;
      if (a === 0) continue;
      const mix = fg / (bg + fg);
      for (let c = 0; c < 3; c++) out[i + c] = Math.round(background[c] * (1 - mix) + 255 * mix);
      out[i + 3] = Math.round(a * 255);
    }
  }
  return png(size, out);
}

const GREEN = [0x21, 0x73, 0x46]; // Excel green
const RED = [0xc0, 0x39, 0x2b];
const check = (u, v) => Math.min(segDist(u, v, [0.24, 0.52], [0.43, 0.71]), segDist(u, v, [0.43, 0.71], [0.77, 0.32])) <= 0.075;
const cross = (u, v) => Math.min(segDist(u, v, [0.3, 0.3], [0.7, 0.7]), segDist(u, v, [0.7, 0.3], [0.3, 0.7])) <= 0.07;

const dir = __dirname;
for (const size of [16, 32, 64, 80]) fs.writeFileSync(path.join(dir, `icon-${size}.png`), icon(size, GREEN, check));
for (const size of [16, 32, 80]) fs.writeFileSync(path.join(dir, `clear-${size}.png`), icon(size, RED, cross));
console.log('icons written to', dir);
