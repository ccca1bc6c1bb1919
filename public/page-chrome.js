// The script of Concord's page header (components/page-chrome.tsx), on both kinds of page:
// App Router pages and the plain documents (ADR 0007). The header works without it; with it,
// a borrower's session is renewed on activity (next-auth's session endpoint, at most once a
// minute), and signing out fetches a fresh CSRF token first, as next-auth's own signOut() does.
// Listeners sit on the document, so a header rendered again by the App Router keeps working.
(function () {
  if (window.concordPageChrome) return;
  window.concordPageChrome = true;
  var last = 0;
  function renew() {
    var now = Date.now();
    if (now - last < 60000 || !document.querySelector('form[data-renew-session]')) return;
    last = now;
    // The body is read, so the request ends (an unread body keeps it open, and the page never goes quiet).
    fetch('/api/auth/session', { credentials: 'same-origin' })
      .then(function (response) {
        return response.text();
      })
      .catch(function () {});
  }
  renew();
  ['pointerdown', 'keydown', 'scroll', 'visibilitychange'].forEach(function (name) {
    window.addEventListener(name, renew, { passive: true });
  });
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-sign-out')) return;
    event.preventDefault();
    fetch('/api/auth/csrf', { credentials: 'same-origin' })
      .then(function (response) {
        return response.json();
      })
      .then(function (body) {
        form.elements.namedItem('csrfToken').value = body.csrfToken;
      })
      .catch(function () {})
      .then(function () {
        form.submit();
      });
  });
})();
