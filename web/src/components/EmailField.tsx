import { TextInput } from '@mantine/core';

/**
 * A required e-mail address field (`name="email"`, checked before sending with `emailProblem`).
 * `autoComplete`: `username` to sign in, `email` for the user's own new address, `off` for someone else's.
 */
export function EmailField({
  label,
  description,
  autoComplete,
  value,
  error,
  onChange,
}: {
  label: string;
  description: string;
  autoComplete: 'username' | 'email' | 'off';
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextInput
      label={label}
      description={description}
      type="email"
      name="email"
      autoComplete={autoComplete}
      required
      value={value}
      error={error}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
