// The script of Concord's plain documents (the borrower's home and loan pages, ADR 0007).
// They work without it; with it, the session is renewed on activity as on the other
// pages (next-auth's session endpoint, at most once a minute), and signing out fetches
// a fresh CSRF token first, as next-auth's own signOut() does.
(function () {
  var last = 0;
  function renew() {
    var now = Date.now();
    if (now - last < 60000) return;
    last = now;
    fetch('/api/auth/session', { credentials: 'same-origin' }).catch(function () {});
  }
  renew();
  ['pointerdown', 'keydown', 'scroll', 'visibilitychange'].forEach(function (name) {
    window.addEventListener(name, renew, { passive: true });
  });
  document.querySelectorAll('form[data-sign-out]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
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
  });
})();
