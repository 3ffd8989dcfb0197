// Loaded first in <body>: marks the page as having JavaScript before it renders, so GOV.UK
// Frontend's components style themselves without a flash. An external file because the
// Content Security Policy forbids inline scripts.
document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("govuk-frontend-supported");
}
