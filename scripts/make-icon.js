#!/usr/bin/env node
// Draws media/icon.png (run: node scripts/make-icon.js) (128×128): a deep-teal rounded square, two "document" lines, and a white
// check mark below them. Pure Node so the icon can be regenerated without image tools:
// shapes are signed-distance functions, so edges get analytic anti-aliasing without supersampling.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZE = 128;

// --- shapes: signed distance in pixels, negative inside ---------------------------------------

function roundedRect(x, y, cx, cy, halfW, halfH, r) {
  const qx = Math.abs(x - cx) - halfW + r;
  const qy = Math.abs(y - cy) - halfH + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function segment(x, y, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

/** A stroked polyline with round caps and joins. */
function stroke(points, width) {
  return (x, y) => {
    let d = Infinity;
    for (let i = 1; i < points.length; i++) d = Math.min(d, segment(x, y, ...points[i - 1], ...points[i]));
    return d - width / 2;
  };
}

/** Area of the pixel covered by the shape, from the distance at its centre. */
function coverage(sd) {
  return Math.max(0, Math.min(1, 0.5 - sd));
}

// --- the picture --------------------------------------------------------------------------------

const TEAL_TOP = [20, 133, 127];
const TEAL_BOTTOM = [9, 84, 90];
const WHITE = [255, 255, 255];

const tile = (x, y) => roundedRect(x, y, 64, 64, 60, 60, 26);
const lines = [stroke([[32, 34], [96, 34]], 11), stroke([[32, 54], [70, 54]], 11)];
const check = stroke([[46, 80], [62, 96], [98, 58]], 14);

function mix(a, b, t) {
  return a.map((v, i) => v + (b[i] - v) * t);
}

/** Source-over compositing in premultiplied floats. */
function over(dst, rgb, alpha) {
  for (let i = 0; i < 3; i++) dst[i] = rgb[i] * alpha + dst[i] * (1 - alpha);
  dst[3] = alpha + dst[3] * (1 - alpha);
}

function pixel(x, y) {
  const px = [0, 0, 0, 0];
  const inTile = coverage(tile(x, y));
  if (inTile === 0) return px;
  const teal = mix(TEAL_TOP, TEAL_BOTTOM, y / SIZE);
  over(px, teal, inTile);
  for (const line of lines) over(px, WHITE, 0.6 * coverage(line(x, y)) * inTile);
  over(px, WHITE, coverage(check(x, y)) * inTile);
  return px;
}

function render() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
      const o = (y * SIZE + x) * 4;
      // Un-premultiply for PNG's straight alpha.
      rgba[o] = a ? Math.round(r / a) : 0;
      rgba[o + 1] = a ? Math.round(g / a) : 0;
      rgba[o + 2] = a ? Math.round(b / a) : 0;
      rgba[o + 3] = Math.round(a * 255);
    }
  }
  return rgba;
}

// --- PNG encoding -------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  // compression, filter and interlace methods stay 0
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none (deflate does well enough on flat colour)
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  const out = path.join(__dirname, '..', 'media', 'icon.png');
  fs.writeFileSync(out, encodePng(SIZE, SIZE, render()));
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

module.exports = { crc32, encodePng };
