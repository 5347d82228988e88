// imagelib: what command files get from 'cmdsys' (re-exported there).
export { ImageLib, imagelib, type LoadImageOptions } from './imagelib';
export { Image, DEFAULT_FONT, type TextBox, type TextOutline, type WriteTextOptions } from './image';
export { ImageError, ImageLibUnavailable } from './errors';
