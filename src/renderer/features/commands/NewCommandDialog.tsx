import { useState } from 'react';
import { describeError } from '../../lib/errors';
import { Modal } from '../../ui/Modal';
import { commandNameProblem, fileNameProblem, suggestCommandName } from './file-name';

/** Asks for a file name and a command name, then creates the file from the template. */
export function NewCommandDialog({
  existingFiles,
  existingNames,
  onCreate,
  onClose,
}: {
  existingFiles: readonly string[];
  existingNames: readonly string[];
  onCreate: (file: string, commandName: string) => Promise<void>;
  onClose: () => void;
}) {
  const [file, setFile] = useState('');
  const [name, setName] = useState('');
  const [nameEdited, setNameEdited] = useState(false);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fileProblem = fileNameProblem(file, existingFiles);
  const nameProblem = commandNameProblem(name, existingNames);
  const valid = fileProblem === null && nameProblem === null;

  const submit = async (): Promise<void> => {
    setTouched(true);
    if (!valid || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onCreate(file, name);
      onClose();
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      title="New command"
      onClose={onClose}
      width={460}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="submit"
            form="new-command-form"
            className="button primary"
            disabled={busy || (touched && !valid)}
          >
            {busy ? 'Creating…' : 'Create & load'}
          </button>
        </>
      }
    >
      <form
        id="new-command-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="form-row">
          <label htmlFor="new-command-file">File name</label>
          <input
            id="new-command-file"
            type="text"
            className={touched && file !== '' && fileProblem ? 'invalid mono' : 'mono'}
            placeholder="my-command.ts"
            value={file}
            spellCheck={false}
            autoComplete="off"
            data-autofocus
            aria-invalid={fileProblem !== null && (touched || file !== '')}
            aria-describedby="new-command-file-msg"
            onChange={(e) => {
              setFile(e.target.value);
              if (!nameEdited) setName(suggestCommandName(e.target.value));
            }}
          />
          <span
            id="new-command-file-msg"
            className={fileProblem && (touched || file !== '') ? 'form-error' : 'form-hint'}
          >
            {fileProblem && (touched || file !== '')
              ? fileProblem
              : 'Created in the commands folder from a documented template.'}
          </span>
        </div>
        <div className="form-row">
          <label htmlFor="new-command-name">Command name</label>
          <input
            id="new-command-name"
            type="text"
            className={touched && nameProblem ? 'invalid mono' : 'mono'}
            placeholder="my-command"
            value={name}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={nameProblem !== null && (touched || name !== '')}
            aria-describedby="new-command-name-msg"
            onChange={(e) => {
              setName(e.target.value);
              setNameEdited(true);
            }}
          />
          <span
            id="new-command-name-msg"
            className={nameProblem && (touched || name !== '') ? 'form-error' : 'form-hint'}
          >
            {nameProblem && (touched || name !== '') ? nameProblem : 'What users type to run it.'}
          </span>
        </div>
      </form>
      {error && (
        <div className="callout err" role="alert">
          {error}
        </div>
      )}
    </Modal>
  );
}
