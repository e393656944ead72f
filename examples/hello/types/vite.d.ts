declare module "*?url" {
  const result: string;
  export default result;
}
