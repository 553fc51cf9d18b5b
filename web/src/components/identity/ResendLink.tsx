import { Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { ErrorAlert } from '../ErrorAlert';

/**
 * A fresh mailed link in place of an expired or replaced one (an invitation, an address
 * confirmation); once sent, says where it went.
 */
export function ResendLink({
  send,
  label,
  sentMessage,
}: {
  send: () => Promise<{ sentTo: string }>;
  label: string;
  sentMessage: (sentTo: string) => string;
}) {
  const resend = useMutation({ mutationFn: send });
  if (resend.isSuccess) {
    return (
      <Text size="sm" role="status">
        {sentMessage(resend.data.sentTo)}
      </Text>
    );
  }
  return (
    <Stack gap="xs" align="flex-start">
      <Button variant="outline" onClick={() => resend.mutate()} loading={resend.isPending}>
        {label}
      </Button>
      {resend.isError && <ErrorAlert error={resend.error} />}
    </Stack>
  );
}
