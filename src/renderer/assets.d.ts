/** Vite turns an imported image into its URL (hashed in the build). */
declare module '*.svg' {
  const url: string;
  export default url;
}
