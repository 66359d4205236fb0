// Runs first thing in <body>: tells GOV.UK Frontend's CSS that its JavaScript will run.
// An external file rather than the usual inline snippet, so no inline script needs a CSP nonce.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
