/** One framework: what it is (code, version, years, maxima, legal basis, classes), downloads, the
 * actions its status allows, and its criteria, editable while it is a draft. */
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CriterionJsonT, FrameworkJsonT } from '@chiso/contracts';
import { formatPoints, type Edited } from '@chiso/domain';
import { Alert, App, Button, Card, Descriptions, Dropdown, Input, Space, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Session } from '../../api/auth.ts';
import {
  frameworkDecisionIssuerUrl,
  frameworkDecisionUrl,
  frameworkExportUrl,
  getFramework,
  saveFramework,
} from '../../api/frameworks.ts';
import { ApiError } from '../../api/http.ts';
import { fill, useT } from '../../i18n.ts';
import { dateOrDash } from '../../ui/dates.ts';
import { DocumentDialog, withSigner } from '../../ui/DocumentDialog.tsx';
import { download } from '../../ui/download.ts';
import { errText } from '../../ui/errors.ts';
import { ActionDialog, type FrameworkAction } from './ActionDialog.tsx';
import { CriteriaEditor } from './CriteriaEditor.tsx';
import { FrameworkHead } from './FrameworkHead.tsx';
import { decimalComma, liveCheck, mapCriteria, pointsOf } from './liveCheck.ts';
import { canWriteFrameworks, FrameworkStatusTag } from './status.tsx';

export function FrameworkView({ id, session }: { id: string; session: Session }) {
  const { t } = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const detail = useQuery({ queryKey: ['framework', id], queryFn: () => getFramework(id) });
  const [def, setDef] = useState<FrameworkJsonT | null>(null);
  const [ruleTexts, setRuleTexts] = useState<Record<string, string>>({});
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [action, setAction] = useState<FrameworkAction | null>(null);
  const [docOpen, setDocOpen] = useState(false);
  const [refused, setRefused] = useState<string[] | null>(null);
  // leaving with unsaved changes asks first (what was typed would be lost)
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  useEffect(() => {
    if (detail.data && !dirty) {
      setDef(detail.data.definition);
      setRuleTexts({});
    }
  }, [detail.data, dirty]);
  const check = useMemo(() => (def ? liveCheck(def, ruleTexts) : null), [def, ruleTexts]);
  if (!detail.data || !def || !check) return <Card loading />;
  const fw = detail.data.framework;
  const writer = canWriteFrameworks(session);
  const editable = fw.status === 'draft' && writer;
  const edit = (code: string, f: (c: CriterionJsonT) => CriterionJsonT) => {
    setDef({ ...def, criteria: mapCriteria(def.criteria, code, f) });
    setDirty(true);
  };
  const topSum = def.criteria.filter((c) => !c.block).reduce((s, c) => s + (pointsOf(c.max) ?? 0), 0);

  const errors = check.issues.filter((i) => i.severity === 'error');
  /** Saved exactly as typed, or not at all: with errors nothing is sent and they are listed; what the
   * server refuses is listed the same way. The typed text stays either way. */
  const save = async () => {
    if (errors.length || !check.definition) {
      setRefused(errors.map((i) => i.message));
      message.error(fill(t.fwNotSaved, { n: errors.length }));
      return;
    }
    setBusy(true);
    try {
      await saveFramework(id, check.definition, detail.data.revision);
      message.success(t.saved);
      setRefused(null);
      setDirty(false);
      await qc.invalidateQueries({ queryKey: ['framework', id] });
    } catch (e) {
      const issues =
        e instanceof ApiError ? (e.details as { issues?: { message: string }[] })?.issues : undefined;
      setRefused(issues?.map((i) => i.message) ?? [errText(e)]);
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  /** A change of the list of criteria; what is keyed by code follows the renumbered codes. */
  const edited = (r: Edited<CriterionJsonT>) => {
    const rename = (k: string) => r.renames.find(([from]) => from === k)?.[1] ?? k;
    const mapping = def.comparesWith?.mapping;
    setDef({
      ...def,
      criteria: r.criteria,
      ...(def.comparesWith && mapping
        ? {
            comparesWith: {
              ...def.comparesWith,
              mapping: Object.fromEntries(Object.entries(mapping).map(([k, v]) => [rename(k), v])),
            },
          }
        : {}),
    });
    setRuleTexts(Object.fromEntries(Object.entries(ruleTexts).map(([k, v]) => [rename(k), v])));
    setDirty(true);
  };
  const general = check.issues.filter((i) => i.criterion === '');
  return (
    <>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Card
          title={
            <Space>
              <Link to="/frameworks">{t.frameworks}</Link>›<span>{fw.name}</span>
              <FrameworkStatusTag status={fw.status} />
            </Space>
          }
          extra={
            <Space wrap>
              <Dropdown
                menu={{
                  items: [
                    {
                      key: 'xlsx',
                      label: t.downloadExcel,
                      onClick: () => download(frameworkExportUrl(id, 'xlsx')),
                    },
                    {
                      key: 'json',
                      label: t.downloadJson,
                      onClick: () => download(frameworkExportUrl(id, 'json')),
                    },
                    {
                      key: 'docx',
                      label: t.downloadDecisionWord,
                      onClick: () => setDocOpen(true),
                    },
                    {
                      key: 'pdf',
                      label: t.downloadDecisionPdf,
                      onClick: () => setDocOpen(true),
                    },
                  ],
                }}
              >
                <Button icon={<DownloadOutlined />}>{t.download}</Button>
              </Dropdown>
              <DocumentDialog
                open={docOpen}
                title={t.docDecisionTitle}
                issuerUrl={frameworkDecisionIssuerUrl(id)}
                formats={['docx', 'pdf']}
                urlFor={(f, signer) => withSigner(frameworkDecisionUrl(id, f as 'docx' | 'pdf'), signer)}
                onClose={() => setDocOpen(false)}
              />
              {editable && (
                <Button
                  type="primary"
                  onClick={() => void save()}
                  loading={busy}
                  disabled={!dirty}
                  data-testid="fw-save"
                >
                  {t.save}
                </Button>
              )}
              {editable && (
                <Button onClick={() => setAction('publish')} disabled={dirty || errors.length > 0}>
                  {t.fwActions.publish}
                </Button>
              )}
              {writer && fw.status === 'published' && (
                <Button onClick={() => setAction('retire')}>{t.fwActions.retire}</Button>
              )}
              {writer && (
                <Button onClick={() => setAction('clone')} data-testid="fw-clone">
                  {t.fwActions.clone}
                </Button>
              )}
            </Space>
          }
        >
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t.code}>{fw.code}</Descriptions.Item>
            <Descriptions.Item label={t.fwVersion}>{fw.version}</Descriptions.Item>
            <Descriptions.Item label={t.fwYears}>
              {fw.yearTo && fw.yearTo !== fw.yearFrom ? `${fw.yearFrom}–${fw.yearTo}` : fw.yearFrom}
            </Descriptions.Item>
            <Descriptions.Item label={t.fwTotalMax}>
              {editable ? (
                <Input
                  size="small"
                  style={{ width: 90 }}
                  value={decimalComma(def.totalMax)}
                  onChange={(e) => {
                    setDef({ ...def, totalMax: e.target.value.trim() });
                    setDirty(true);
                  }}
                  data-testid="fw-total-max"
                />
              ) : (
                formatPoints(pointsOf(def.totalMax) ?? 0)
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t.fwFieldsSum}>
              <span data-testid="fw-fields-sum">{formatPoints(topSum)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t.fwPublishedAt}>{dateOrDash(fw.publishedAt)}</Descriptions.Item>
            {!editable && (
              <Descriptions.Item label={t.fwLegalBasis} span={3}>
                {def.legalBasis.join('; ') || '—'}
              </Descriptions.Item>
            )}
            {!editable && (
              <Descriptions.Item label={t.fwBands} span={3}>
                <Space wrap>
                  {def.bands.map((b) => (
                    <Tag key={b.code} color={b.isExample ? 'orange' : 'blue'}>
                      {b.label} ≥ {formatPoints(pointsOf(b.minIndex) ?? 0)}
                      {b.isExample ? ` (${t.example})` : ''}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
            )}
          </Descriptions>
          {def.isExample && (
            <Alert type="warning" showIcon message={t.fwIsExample} style={{ marginTop: 8 }} />
          )}
          {general.length > 0 && (
            <Alert
              style={{ marginTop: 8 }}
              type={general.some((i) => i.severity === 'error') ? 'error' : 'warning'}
              showIcon
              data-testid="fw-general-issues"
              message={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {general.map((i, k) => (
                    <li key={k}>{i.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          {editable && (
            <div style={{ marginTop: 8 }}>
              <FrameworkHead
                def={def}
                onChange={(d) => {
                  setDef(d);
                  setDirty(true);
                }}
              />
            </div>
          )}
          {dirty && <Alert style={{ marginTop: 8 }} type="info" showIcon message={t.unsaved} />}
          {refused && refused.length > 0 && (
            <Alert
              style={{ marginTop: 8 }}
              type="error"
              showIcon
              data-testid="fw-save-refused"
              message={fill(t.fwNotSaved, { n: refused.length })}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {refused.map((m, k) => (
                    <li key={k}>{m}</li>
                  ))}
                </ul>
              }
            />
          )}
        </Card>
        <Card
          title={`${t.fwCriteria} (${errors.length ? `${errors.length} ${t.errors.toLowerCase()}` : t.fwValid})`}
        >
          <CriteriaEditor
            criteria={def.criteria}
            editable={editable}
            framework={check.framework}
            issues={check.issues}
            ruleTexts={ruleTexts}
            onEdit={edit}
            onList={edited}
            onRuleText={(code, text) => {
              setRuleTexts({ ...ruleTexts, [code]: text });
              setDirty(true);
            }}
          />
        </Card>
      </Space>
      {action && <ActionDialog key={action} kind={action} framework={fw} onClose={() => setAction(null)} />}
    </>
  );
}
