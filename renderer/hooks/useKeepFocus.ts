// Keeps keyboard users where they are. When the element that had focus disappears (the home
// screen gives way to the list, the progress bar and its Cancel button go when checking ends),
// the browser drops focus to the page body; this puts it on a sensible place instead. It never
// moves focus that is still on something on screen.
import { useEffect, useRef } from 'react';

export function useKeepFocus(fallback: () => HTMLElement | null | undefined): void {
  const last = useRef<Element | null>(null);
  const fallbackRef = useRef(fallback);
  fallbackRef.current = fallback;

  useEffect(() => {
    const onFocusIn = (e: FocusEvent) => {
      last.current = e.target instanceof Element ? e.target : null;
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, []);

  // After every render: was the focused element just removed?
  useEffect(() => {
    const lost = last.current;
    const active = document.activeElement;
    if (!lost || lost.isConnected || (active !== null && active !== document.body)) return;
    last.current = null;
    fallbackRef.current()?.focus();
  });
}
