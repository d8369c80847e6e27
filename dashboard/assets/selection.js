// The explorer's selection, set once nothing is being expanded (see SELECT_TAP_JS and APPLY_JS in
// dashboard/explorer.py): a double click's expansion is drawn before the panels its first click loads.
window.releaseSelection = function () {
    const id = window.ngPendingSelection;
    window.ngPendingSelection = null;
    if (id) { dash_clientside.set_props('selected', {data: id}); }
};
