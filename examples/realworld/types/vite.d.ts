/// <reference types="vite/client" />

// The app's own import.meta.env values (.env), next to what vite/client
// declares (MODE, DEV, PROD, SSR, BASE_URL) and what rwsdk sets.
interface ImportMetaEnv {
  readonly VITE_APP_TITLE: string;
  readonly VITE_GREETING: string;
  readonly VITE_IS_DEV_SERVER?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
