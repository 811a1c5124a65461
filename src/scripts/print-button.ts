/** Buttons marked data-print open the browser's print dialog. */
document.addEventListener('click', (e) => {
  if ((e.target as Element).closest?.('[data-print]')) window.print();
});
