/**
 * The Content-Security-Policy of every page Kith serves (app:// in Electron,
 * 127.0.0.1 in the browser fallback). Inline styles are allowed because React
 * style props and Cytoscape's canvas container set element styles; scripts
 * are never inline, never eval'd.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
