import { Box, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Label–value pairs as a description list. */
export function Facts({ items }: { items: { label: string; value: ReactNode; key: string }[] }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="xs" m={0}>
      {items.map((item) => (
        <Box key={item.key} data-fact={item.key}>
          <Text component="dt" size="sm" fw={700}>
            {item.label}
          </Text>
          <Text component="dd" m={0}>
            {item.value}
          </Text>
        </Box>
      ))}
    </SimpleGrid>
  );
}
