// The browser draws a file input's button and its “no file chosen” note in the language of its own
// installation (“Choose File”, “No file chosen” on an English one), which no page can translate. On
// our pages the input is hidden behind a Chinese button (a label, so a click still opens the picker)
// and a note that names the chosen file.
document.querySelectorAll('input[type=file]').forEach((input) => {
  const button = document.createElement('label');
  button.className = 'file-pick';
  button.htmlFor = input.id || (input.id = `file-${Math.random().toString(36).slice(2)}`);
  button.textContent = '选择文件';
  const note = document.createElement('span');
  note.className = 'file-chosen';
  note.textContent = '未选择文件';
  input.classList.add('file-hidden');
  input.after(button, note);
  input.addEventListener('change', () => {
    note.textContent = input.files.length ? Array.from(input.files, (file) => file.name).join('、') : '未选择文件';
  });
});
