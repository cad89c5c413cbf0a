const TOKEN_KEY = 'kith.token';

/**
 * The browser fallback's access token: taken from `?token=` once, kept in
 * sessionStorage (it survives a reload of this tab only), and removed from
 * the address bar so it does not end up in history or screenshots.
 *
 * `keep` runs the keeping and the removal, together (by default at once): the
 * entry defers them until its first calls are out, since the first use of
 * sessionStorage waits on the browser. Until they run the address still
 * holds the token, so a reload in between loses nothing.
 */
export function takeAccessToken(
  win: Pick<Window, 'location' | 'history' | 'sessionStorage'> = window,
  keep: (task: () => void) => void = (task) => task(),
): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    keep(() => {
      try {
        win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
      } catch {
        // Storage can be disabled; the token still works for this page.
      }
      url.searchParams.delete('token');
      win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    });
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}
