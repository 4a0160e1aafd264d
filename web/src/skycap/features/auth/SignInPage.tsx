/** Sign in with a platform account, or create one (every new account is a borrower). */
import { type FormEvent, useCallback, useState } from 'react';
import { ProblemMessage, TextField } from '../../../shared/forms';
import { useSubmission } from '../../../shared/hooks';
import { api, session } from '../../platform';

type Mode = 'sign-in' | 'register';

export function SignInPage({ expired }: { expired: boolean }) {
  const [mode, setMode] = useState<Mode>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');

  const send = useCallback(async () => {
    const reply =
      mode === 'sign-in'
        ? await api.call((c) => c.POST('/auth/login', { body: { email, password } }))
        : await api.call((c) => c.POST('/auth/register', { body: { email, password, name } }));
    session.signIn({ accessToken: reply.accessToken, refreshToken: reply.refreshToken }, reply.user);
  }, [mode, email, password, name]);
  const submission = useSubmission(send);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submission.submit();
  };
  const switchTo = (next: Mode) => {
    setMode(next);
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
        <h1>{mode === 'sign-in' ? 'Sign in to Skycap Loans' : 'Create your account'}</h1>
        <div className="tabs" role="tablist" aria-label="Account">
          <button type="button" role="tab" aria-selected={mode === 'sign-in'} onClick={() => switchTo('sign-in')}>
            Sign in
          </button>
          <button type="button" role="tab" aria-selected={mode === 'register'} onClick={() => switchTo('register')}>
            Create account
          </button>
        </div>
        <form onSubmit={onSubmit} noValidate>
          {mode === 'register' && (
            <TextField
              label="Full name"
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
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            field="password"
            problem={submission.problem}
            hint={mode === 'register' ? 'At least 8 characters.' : undefined}
            required
          />
          <ProblemMessage problem={submission.problem} onRetry={submission.submit} shownFields={['name', 'email', 'password']} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={submission.busy}>
              {mode === 'sign-in' ? 'Sign in' : 'Create account'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
