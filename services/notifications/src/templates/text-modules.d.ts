// Templates are bundled as text: esbuild's `text` loader (serverless.yml) and a Jest transform (jest.config.ts).
declare module '*.html' {
  const content: string;
  export default content;
}
declare module '*.txt' {
  const content: string;
  export default content;
}
