import { AppShell, useMantineTheme } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Outlet, useNavigate } from '@tanstack/react-router';
import { meQuery, meQueryKey, signOut } from '../api/queries';
import { AccountControls, AppHeader } from './AppHeader';
import { MainNav } from './MainNav';
import { MAIN_CONTENT_ID } from './SkipLink';

/** Shell for signed-in pages: header, navigation and the main landmark. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  // Below `sm` the account controls leave the banner for the navigation drawer (see AccountControls).
  const wide = useMediaQuery(`(min-width: ${useMantineTheme().breakpoints.sm})`, true, { getInitialValueInEffect: false });
  const { data: me } = useQuery(meQuery);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOutMutation = useMutation({
    mutationFn: signOut,
    onSettled: async () => {
      queryClient.setQueryData(meQueryKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
      await navigate({ to: '/sign-in', search: { signedOut: true } });
    },
  });

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppHeader
        me={me}
        nav={{ opened, toggle }}
        onSignOut={() => signOutMutation.mutate()}
        signingOut={signOutMutation.isPending}
        withAccount={wide}
      />
      <MainNav
        onNavigate={close}
        top={
          !wide && (
            <AccountControls
              me={me}
              onSignOut={() => signOutMutation.mutate()}
              signingOut={signOutMutation.isPending}
              inDrawer
              onNavigate={close}
            />
          )
        }
      />
      <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
