import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { createSupportRequest, type NewSupportRequest, SUPPORT_TOPICS, type SupportTopic } from '../../api/support';
import { ALL_ROLES } from '../../components/administration/RoleAssignment';
import { useLicensingIdsWith } from '../../components/downloads/scope';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { ATTACHMENT_CODES, AttachmentPicker, attachmentsProblem, toAttachments } from '../../components/support/AttachmentPicker';
import { usePageTitle } from '../../lib/usePageTitle';

type Field = 'topic' | 'subject' | 'description' | 'imagingConfirmed' | 'machines' | 'attachments' | 'licensingId';
type Errors = Partial<Record<Field, string>>;

const SUBJECT_MAX = 150;
const DESCRIPTION_MIN = 10;
const DESCRIPTION_MAX = 5000;

/** Server codes that belong to one field of the form. */
const CODE_FIELDS: Record<string, Field> = {
  SUPPORT_LICENSING_ID_UNKNOWN: 'licensingId',
  SUPPORT_IMAGING_VERIFICATION_REQUIRED: 'imagingConfirmed',
  ...Object.fromEntries([...ATTACHMENT_CODES].map((code) => [code, 'attachments' as const])),
};

/**
 * R-SUP-1: the contact form: topic, the Licensing ID it concerns (or none), subject, description,
 * attachments. R-SUP-2: a Windows upgrade imaging request carries the written verification that each
 * machine has a qualifying base license, and the machines' count.
 */
export function NewSupportRequestPage() {
  const { t } = useTranslation();
  usePageTitle(t('support.form.title'));
  const search = useSearch({ from: '/_app/support/new' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const scope = useLicensingIdsWith(ALL_ROLES);
  const [topic, setTopic] = useState<SupportTopic | ''>(search.topic ?? '');
  const [licensingId, setLicensingId] = useState(search.licensingId ?? '');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [imagingConfirmed, setImagingConfirmed] = useState(false);
  const [machines, setMachines] = useState<number | string>('');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const imaging = topic === 'WINDOWS_UPGRADE_IMAGING';

  const submit = useMutation({
    mutationFn: (body: NewSupportRequest) => createSupportRequest(body),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['support-requests'] });
      await navigate({ to: '/support/requests/$requestId', params: { requestId: created.id }, search: { sent: true } });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const field = CODE_FIELDS[error.code];
      if (field) setErrors({ [field]: t(`errors.${error.code}`) });
    },
  });

  const validate = (): Errors => {
    const e: Errors = {};
    const required = t('support.form.required');
    if (!topic) e.topic = t('support.form.topicRequired');
    if (subject.trim().length < 3) e.subject = t('support.form.subjectShort');
    else if (subject.trim().length > SUBJECT_MAX) e.subject = t('support.form.tooLong', { max: SUBJECT_MAX });
    if (!description.trim()) e.description = required;
    else if (description.trim().length < DESCRIPTION_MIN) e.description = t('support.form.descriptionShort', { min: DESCRIPTION_MIN });
    else if (description.trim().length > DESCRIPTION_MAX) e.description = t('support.form.tooLong', { max: DESCRIPTION_MAX });
    if (imaging) {
      if (!imagingConfirmed) e.imagingConfirmed = t('support.form.imagingRequired');
      if (!(Number(machines) >= 1 && Number.isInteger(Number(machines)))) e.machines = t('support.form.machinesInvalid');
    }
    const fileProblem = attachmentsProblem(files, t);
    if (fileProblem) e.attachments = fileProblem;
    return e;
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0 || !topic) {
      summaryRef.current?.focus();
      return;
    }
    const attachments = await toAttachments(files);
    submit.mutate({
      topic,
      licensingId: licensingId || null,
      subject: subject.trim(),
      description: description.trim(),
      attachments,
      ...(imaging ? { imagingVerification: { confirmed: imagingConfirmed, machines: Number(machines) } } : {}),
    });
  };

  const errorCount = Object.keys(errors).length;
  return (
    <Stack gap="lg">
      <Title order={1}>{t('support.form.title')}</Title>
      <Text maw={760}>{t('support.form.intro')}</Text>
      <AnchorLink to="/support" search={{}} w="fit-content">
        {t('support.form.back')}
      </AnchorLink>
      <div ref={summaryRef} tabIndex={-1}>
        {errorCount > 0 && (
          <Text c="red.9" size="sm" role="alert" fw={600}>
            {t('support.form.fix', { count: errorCount })}
          </Text>
        )}
      </div>
      {submit.isError && !CODE_FIELDS[(submit.error as ApiError).code ?? ''] && <ErrorAlert error={submit.error} />}
      <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit} maw={760}>
        <Stack>
          <NativeSelect
            label={t('support.form.topic')}
            required
            value={topic}
            error={errors.topic}
            onChange={(e) => setTopic(e.currentTarget.value as SupportTopic | '')}
            data={[
              { value: '', label: t('support.form.chooseTopic') },
              ...SUPPORT_TOPICS.map((x) => ({ value: x, label: t(`support.topics.${x}`) })),
            ]}
          />
          <NativeSelect
            label={t('support.form.licensingId')}
            description={t('support.form.licensingIdHelp')}
            value={licensingId}
            error={errors.licensingId}
            onChange={(e) => setLicensingId(e.currentTarget.value)}
            data={[
              { value: '', label: t('support.form.noLicensingId') },
              ...scope.rows.map((r) => ({ value: r.id, label: t('support.form.licensingIdOption', { number: r.number, name: r.name }) })),
            ]}
          />
          <TextInput
            label={t('support.form.subject')}
            required
            maxLength={SUBJECT_MAX}
            value={subject}
            error={errors.subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
          />
          <Textarea
            label={t('support.form.description')}
            description={t('support.form.descriptionHelp', { max: DESCRIPTION_MAX })}
            required
            autosize
            minRows={5}
            maxLength={DESCRIPTION_MAX}
            value={description}
            error={errors.description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          {imaging && (
            <Fieldset legend={t('support.form.imagingLegend')}>
              <Stack>
                <Text size="sm">{t('support.form.imagingIntro')}</Text>
                <Checkbox
                  label={t('support.form.imagingStatement')}
                  checked={imagingConfirmed}
                  error={errors.imagingConfirmed}
                  onChange={(e) => setImagingConfirmed(e.currentTarget.checked)}
                />
                <NumberInput
                  label={t('support.form.machines')}
                  required
                  min={1}
                  allowDecimal={false}
                  allowNegative={false}
                  value={machines}
                  error={errors.machines}
                  onChange={setMachines}
                />
              </Stack>
            </Fieldset>
          )}
          <AttachmentPicker files={files} onChange={setFiles} error={errors.attachments} />
          <Alert color="blue" variant="outline" title={t('support.form.promiseTitle')}>
            {t('support.form.promise')}
          </Alert>
          <Button type="submit" loading={submit.isPending} w="fit-content">
            {t('support.form.submit')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
