// The page's one way to make an element: text always through textContent, never as markup.
/* global document */
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
