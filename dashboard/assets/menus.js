// The explorer's toolbar menus (<details class="ng-menu">): one open at a time, and a click elsewhere closes it,
// so a menu's panel never stays over the graph by accident.
document.addEventListener('toggle', (event) => {
    const opened = event.target;
    if (!(opened instanceof HTMLDetailsElement) || !opened.classList.contains('ng-menu') || !opened.open) {
        return;
    }
    document.querySelectorAll('details.ng-menu[open]').forEach((menu) => {
        if (menu !== opened) { menu.open = false; }
    });
}, true);

document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('details.ng-menu, .dash-dropdown-options')) {
        return;
    }
    document.querySelectorAll('details.ng-menu[open]').forEach((menu) => { menu.open = false; });
});
