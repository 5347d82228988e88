import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import type { CanvasModule } from './canvas-loader';
import { ImageError } from './errors';
import { wrapText } from './text-layout';

export interface TextOutline {
  color: string;
  /** Stroke width in pixels. */
  width: number;
}

export interface WriteTextOptions {
  /** Left edge (align left), centre (center) or right edge (right) of the text block. */
  x: number;
  /** Top of the first line. */
  y: number;
  /** Font family (the bundled `DejaVu Sans` by default). */
  font?: string;
  /** Font size in pixels (default 16). */
  size?: number;
  bold?: boolean;
  /** CSS colour (default black). */
  color?: string;
  align?: 'left' | 'center' | 'right';
  /** Wrap lines longer than this many pixels. */
  maxWidth?: number;
  /** Draw an outline around the glyphs (readable text on busy backgrounds). */
  outline?: TextOutline;
  /** Line distance as a multiple of the size (default 1.25). */
  lineHeight?: number;
}

/** Where writeText put the text: the block's box and its lines. */
export interface TextBox {
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
}

export const DEFAULT_FONT = 'DejaVu Sans';

function checkSize(what: string, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 16_384)
    throw new ImageError(`${what} must be a whole number of pixels from 1 to 16384, got ${n}`);
  return n;
}

/** An RGBA image in memory (a canvas). Operations that make a new size return a new Image. */
export class Image {
  /** @internal */
  constructor(
    private readonly lib: CanvasModule,
    readonly canvas: Canvas,
  ) {}

  /** @internal */
  static blank(lib: CanvasModule, width: number, height: number, background?: string): Image {
    const image = new Image(lib, lib.createCanvas(checkSize('width', width), checkSize('height', height)));
    if (background) image.fill(background);
    return image;
  }

  get width(): number {
    return this.canvas.width;
  }

  get height(): number {
    return this.canvas.height;
  }

  /** The 2D context, for drawing beyond what Image offers. */
  get context(): SKRSContext2D {
    return this.canvas.getContext('2d');
  }

  /** Fills the whole image (or a rectangle) with a colour. */
  fill(color: string, rect?: { x: number; y: number; width: number; height: number }): this {
    const ctx = this.context;
    ctx.fillStyle = color;
    const r = rect ?? { x: 0, y: 0, width: this.width, height: this.height };
    ctx.fillRect(r.x, r.y, r.width, r.height);
    return this;
  }

  /** Writes text, wrapped to `maxWidth`; returns the box the text block occupies. */
  writeText(text: string, options: WriteTextOptions): TextBox {
    const size = options.size ?? 16;
    if (!(size > 0 && size <= 2_000)) throw new ImageError(`writeText: size must be 1–2000 px, got ${size}`);
    if (options.maxWidth !== undefined && !(options.maxWidth > 0))
      throw new ImageError(`writeText: maxWidth must be positive, got ${options.maxWidth}`);
    const ctx = this.context;
    ctx.save();
    try {
      ctx.font = `${options.bold ? 'bold ' : ''}${size}px "${options.font ?? DEFAULT_FONT}"`;
      ctx.textBaseline = 'top';
      const align = options.align ?? 'left';
      ctx.textAlign = align;
      const lines = wrapText(String(text), (t) => ctx.measureText(t).width, options.maxWidth);
      const lineHeight = size * (options.lineHeight ?? 1.25);
      let widest = 0;
      lines.forEach((line, i) => {
        const y = options.y + i * lineHeight;
        widest = Math.max(widest, ctx.measureText(line).width);
        if (options.outline && options.outline.width > 0) {
          ctx.strokeStyle = options.outline.color;
          ctx.lineWidth = options.outline.width;
          ctx.lineJoin = 'round';
          ctx.strokeText(line, options.x, y);
        }
        ctx.fillStyle = options.color ?? '#000';
        ctx.fillText(line, options.x, y);
      });
      const left =
        align === 'left' ? options.x : align === 'center' ? options.x - widest / 2 : options.x - widest;
      return { x: left, y: options.y, width: widest, height: lines.length * lineHeight, lines };
    } finally {
      ctx.restore();
    }
  }

  /** A scaled copy. */
  resize(width: number, height: number): Image {
    const out = Image.blank(this.lib, width, height);
    out.context.drawImage(this.canvas, 0, 0, width, height);
    return out;
  }

  /** A copy of a rectangle of this image; the rectangle must lie inside it. */
  crop(x: number, y: number, width: number, height: number): Image {
    checkSize('crop width', width);
    checkSize('crop height', height);
    if (x < 0 || y < 0 || x + width > this.width || y + height > this.height)
      throw new ImageError(
        `crop: ${width}×${height} at ${x},${y} is not inside the ${this.width}×${this.height} image`,
      );
    const out = Image.blank(this.lib, width, height);
    out.context.drawImage(this.canvas, x, y, width, height, 0, 0, width, height);
    return out;
  }

  /** Draws another image onto this one with its top-left corner at x, y (alpha respected). */
  draw(other: Image, x: number, y: number): this {
    if (!(other instanceof Image)) throw new ImageError('draw: expected an Image');
    this.context.drawImage(other.canvas, x, y);
    return this;
  }

  /** RGBA bytes of a rectangle (the whole image by default). */
  pixels(x = 0, y = 0, width = this.width, height = this.height): Uint8ClampedArray {
    return this.context.getImageData(x, y, width, height).data as Uint8ClampedArray;
  }

  /** The image as PNG bytes. */
  toPNG(): Promise<Buffer> {
    return this.canvas.encode('png');
  }
}
