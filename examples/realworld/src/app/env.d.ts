// Types of import.meta.env (what vite/client declares for Vite apps).
interface ImportMetaEnv {
  readonly BASE_URL: string;
  readonly MODE: string;
  readonly DEV: boolean;
  readonly PROD: boolean;
  readonly SSR: boolean;
  readonly VITE_APP_TITLE: string;
  readonly VITE_GREETING: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
