/** Sign in, sign up and confirm the sign-up with the emailed code: all against the Cognito user pool. */
import { type FormEvent, useCallback, useState } from 'react';
import { ProblemMessage, TextField } from '../../../shared/forms';
import { useSubmission } from '../../../shared/hooks';
import { confirmSignUp, signIn, signUp } from '../../cognito';
import { startSession } from '../../platform';

type Mode = 'sign-in' | 'sign-up' | 'confirm';

const TITLES: Record<Mode, string> = {
  'sign-in': 'Sign in to Gift Tracker',
  'sign-up': 'Create your Gift Tracker account',
  confirm: 'Confirm your email',
};

export function AuthPage({ expired }: { expired: boolean }) {
  const [mode, setMode] = useState<Mode>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string>();
  const [note, setNote] = useState<string>();

  const send = useCallback(async () => {
    if (mode === 'sign-up') {
      const reply = await signUp(email.trim(), password, name.trim());
      if (reply.UserConfirmed) return await startSession(await signIn(email.trim(), password));
      setSentTo(reply.CodeDeliveryDetails?.Destination ?? email.trim());
      setMode('confirm');
      return;
    }
    if (mode === 'confirm') {
      await confirmSignUp(email.trim(), code.trim());
      if (password) return await startSession(await signIn(email.trim(), password));
      setNote('Your email is confirmed. Sign in with your password.');
      setMode('sign-in');
      return;
    }
    try {
      await startSession(await signIn(email.trim(), password));
    } catch (error) {
      if ((error as { code?: string }).code === 'UserNotConfirmedException') {
        setSentTo(undefined);
        setMode('confirm');
        return;
      }
      throw error;
    }
  }, [mode, email, password, name, code]);
  const submission = useSubmission(send);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submission.submit();
  };
  const switchTo = (next: Mode) => {
    setMode(next);
    setNote(undefined);
    submission.reset();
  };

  return (
    <div className="auth-page">
      {expired && (
        <div className="notice notice--info" role="status">
          <p>Your session has expired. Please sign in again to carry on where you were.</p>
        </div>
      )}
      <div className="card">
        <h1>{TITLES[mode]}</h1>
        {mode !== 'confirm' && (
          <div className="tabs" role="tablist" aria-label="Account">
            <button type="button" role="tab" aria-selected={mode === 'sign-in'} onClick={() => switchTo('sign-in')}>
              Sign in
            </button>
            <button type="button" role="tab" aria-selected={mode === 'sign-up'} onClick={() => switchTo('sign-up')}>
              Create account
            </button>
          </div>
        )}
        {note && (
          <div className="notice notice--success" role="status">
            <p>{note}</p>
          </div>
        )}
        {mode === 'confirm' && (
          <div className="notice notice--info" role="status">
            <p>{sentTo ? `We sent a confirmation code to ${sentTo}.` : 'This account is not confirmed yet.'} Enter it below to finish signing up.</p>
            <p className="muted">Running the platform locally? `npm start` prints each code in its terminal.</p>
          </div>
        )}
        <form onSubmit={onSubmit} noValidate>
          {mode === 'sign-up' && (
            <TextField
              label="Your name"
              name="name"
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              field="name"
              problem={submission.problem}
              required
            />
          )}
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            field="email"
            problem={submission.problem}
            required
          />
          {mode === 'confirm' ? (
            <TextField
              label="Confirmation code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              field="code"
              problem={submission.problem}
              required
            />
          ) : (
            <TextField
              label="Password"
              type="password"
              name="password"
              autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              field="password"
              problem={submission.problem}
              hint={mode === 'sign-up' ? 'At least 8 characters, with upper and lower case letters and a number.' : undefined}
              required
            />
          )}
          <ProblemMessage problem={submission.problem} onRetry={submission.submit} shownFields={['name', 'email', 'password', 'code']} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={submission.busy}>
              {mode === 'sign-in' ? 'Sign in' : mode === 'sign-up' ? 'Create account' : 'Confirm email'}
            </button>
            {mode === 'confirm' && (
              <button type="button" className="button button--secondary" onClick={() => switchTo('sign-in')}>
                Back to sign in
              </button>
            )}
          </div>
        </form>
      </div>
    </div>
  );
}
