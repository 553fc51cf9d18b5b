import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));

/** Build of the portal: web/ is the root, the bundle lands in web/dist, /api goes to the backend in dev. */
export default defineConfig({
  root: webDir,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: {
      output: {
        manualChunks: {
          react: ['react', 'react/jsx-runtime', 'react-dom', 'react-dom/client'],
          mantine: ['@mantine/core', '@mantine/hooks'],
          tanstack: ['@tanstack/react-router', '@tanstack/react-query'],
          i18n: ['i18next', 'react-i18next', 'i18next-icu', 'intl-messageformat'],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
});
