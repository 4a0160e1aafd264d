/** Admin: users by role, create a staff account, set someone's roles, disable or enable an account. */
import { type FormEvent, useCallback, useState } from 'react';
import type { Schema } from '@platform/api-client';
import { ProblemMessage, SelectField, TextField } from '../../../shared/forms';
import { useResource, useSubmission } from '../../../shared/hooks';
import { Card, EmptyState, Loaded, PageTitle, TableWrap } from '../../../shared/ui';
import { api } from '../../platform';

type User = Schema<'PublicUser'>;
type Role = User['roles'][number];
const STAFF_ROLES: Role[] = ['loan_officer', 'accountant', 'admin'];
const roleName = (role: string) => role.replace(/_/g, ' ');

function RoleChoices({ legend, value, onChange }: { legend: string; value: Role[]; onChange: (roles: Role[]) => void }) {
  return (
    <fieldset className="roles">
      <legend>{legend}</legend>
      {STAFF_ROLES.map((role) => (
        <label key={role} className="check">
          <input
            type="checkbox"
            checked={value.includes(role)}
            onChange={(e) => onChange(e.target.checked ? [...value, role] : value.filter((r) => r !== role))}
          />
          {roleName(role)}
        </label>
      ))}
    </fieldset>
  );
}

function CreateStaffForm({ onCreated }: { onCreated: (message: string) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [temporaryPassword, setTemporaryPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['loan_officer']);
  const send = useCallback(
    () => api.call((c) => c.POST('/users', { body: { email, name, temporaryPassword, roles: ['user', ...roles] } })),
    [email, name, temporaryPassword, roles],
  );
  const submission = useSubmission(send, (user) => {
    setEmail('');
    setName('');
    setTemporaryPassword('');
    onCreated(`${user.name} can now sign in as ${user.email} with the temporary password.`);
  });
  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submission.submit();
      }}
      noValidate
    >
      <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} field="name" problem={submission.problem} required />
      <TextField
        label="Email"
        type="email"
        name="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        field="email"
        problem={submission.problem}
        required
      />
      <TextField
        label="Temporary password"
        type="password"
        name="temporaryPassword"
        autoComplete="new-password"
        value={temporaryPassword}
        onChange={(e) => setTemporaryPassword(e.target.value)}
        field="temporaryPassword"
        problem={submission.problem}
        hint="At least 8 characters; give it to them in person."
        required
      />
      <RoleChoices legend="Roles" value={roles} onChange={setRoles} />
      <ProblemMessage problem={submission.problem} onRetry={submission.submit} shownFields={['name', 'email', 'temporaryPassword']} />
      <button type="submit" className="button" disabled={submission.busy}>
        Create staff account
      </button>
    </form>
  );
}

function UserRow({ user, isSelf, onChanged }: { user: User; isSelf: boolean; onChanged: (message: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [roles, setRoles] = useState<Role[]>(user.roles.filter((r) => r !== 'user'));
  const saveRoles = useCallback(
    () => api.call((c) => c.PUT('/users/{userId}/roles', { params: { path: { userId: user.id } }, body: { roles: ['user', ...roles] } })),
    [user.id, roles],
  );
  const toggle = useCallback(
    () => api.call((c) => c.PATCH('/users/{userId}', { params: { path: { userId: user.id } }, body: { disabled: !user.disabled } })),
    [user.id, user.disabled],
  );
  const rolesSubmission = useSubmission(saveRoles, (u) => {
    setEditing(false);
    onChanged(`${u.name}'s roles are now: ${u.roles.map(roleName).join(', ')}. They apply from their next sign-in or refresh.`);
  });
  const disableSubmission = useSubmission(toggle, (u) => onChanged(`${u.name} is now ${u.disabled ? 'disabled' : 'enabled'}.`));
  return (
    <tr>
      <td>
        {user.name}
        {isSelf && <span className="muted"> (you)</span>}
      </td>
      <td>{user.email ?? '—'}</td>
      <td>
        {editing ? (
          <form
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              void rolesSubmission.submit();
            }}
          >
            <RoleChoices legend={`Roles of ${user.name}`} value={roles} onChange={setRoles} />
            <ProblemMessage problem={rolesSubmission.problem} onRetry={rolesSubmission.submit} />
            <div className="form-actions">
              <button type="submit" className="button button--small" disabled={rolesSubmission.busy}>
                Save roles
              </button>
              <button type="button" className="button button--secondary button--small" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          user.roles.map(roleName).join(', ')
        )}
      </td>
      <td>{user.disabled ? <span className="badge badge--rejected">disabled</span> : <span className="badge badge--active">active</span>}</td>
      <td>
        <div className="form-actions">
          {!editing && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setEditing(true)}
              aria-label={`Change roles of ${user.name}`}
            >
              Roles
            </button>
          )}
          {!isSelf && (
            <button
              type="button"
              className={user.disabled ? 'button button--secondary button--small' : 'button button--danger button--small'}
              onClick={() => void disableSubmission.submit()}
              disabled={disableSubmission.busy}
              aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.name}`}
            >
              {user.disabled ? 'Enable' : 'Disable'}
            </button>
          )}
        </div>
        <ProblemMessage problem={disableSubmission.problem} onRetry={disableSubmission.submit} />
      </td>
    </tr>
  );
}

export function UsersPage({ currentUserId }: { currentUserId: string }) {
  const [role, setRole] = useState<Role | ''>('');
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string>();
  const [pages, setPages] = useState<string[]>([]);
  const cursor = pages[pages.length - 1];
  const users = useResource(
    () => api.call((c) => c.GET('/users', { params: { query: { role: role || undefined, limit: 50, cursor } } })),
    [role, version, cursor],
  );
  const changed = (message: string) => {
    setNotice(message);
    setVersion((v) => v + 1);
  };
  return (
    <>
      <PageTitle>Users</PageTitle>
      {notice && (
        <div className="notice notice--success" role="status">
          <p>{notice}</p>
        </div>
      )}
      <div className="grid grid--users">
        <Card title="People" id="people">
          <div style={{ maxWidth: 280 }}>
            <SelectField
              label="Filter by role"
              name="role"
              value={role}
              onChange={(e) => {
                setRole(e.target.value as Role | '');
                setPages([]);
              }}
            >
              <option value="">Everyone</option>
              {(['user', ...STAFF_ROLES] as Role[]).map((r) => (
                <option key={r} value={r}>
                  {roleName(r)}
                </option>
              ))}
            </SelectField>
          </div>
          <Loaded resource={users}>
            {(page) =>
              page.items.length === 0 ? (
                <EmptyState>Nobody has this role.</EmptyState>
              ) : (
                <>
                  <TableWrap label={'Accounts'}>
                    <table>
                      <caption>Accounts{role ? ` with the role ${roleName(role)}` : ''}</caption>
                      <thead>
                        <tr>
                          <th scope="col">Name</th>
                          <th scope="col">Email</th>
                          <th scope="col">Roles</th>
                          <th scope="col">Account</th>
                          <th scope="col">Actions</th>
                        </tr>
                      </thead>
                      <tbody>
                        {page.items.map((user) => (
                          <UserRow key={`${user.id}-${user.version}`} user={user} isSelf={user.id === currentUserId} onChanged={changed} />
                        ))}
                      </tbody>
                    </table>
                  </TableWrap>
                  <div className="form-actions">
                    {pages.length > 0 && (
                      <button type="button" className="button button--secondary" onClick={() => setPages([])}>
                        First page
                      </button>
                    )}
                    {page.nextCursor && (
                      <button type="button" className="button button--secondary" onClick={() => setPages([...pages, page.nextCursor as string])}>
                        Next page
                      </button>
                    )}
                  </div>
                </>
              )
            }
          </Loaded>
        </Card>
        <Card title="Create a staff account" id="create-staff">
          <CreateStaffForm onCreated={changed} />
        </Card>
      </div>
    </>
  );
}
