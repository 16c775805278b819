import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { getSession } from './api/auth.ts';
import { setCsrf, setOnUnauthenticated, setRequestLanguage } from './api/http.ts';
import { DICTS, initialLang, LangContext, useT, type Lang } from './i18n.ts';
import { setDownloadNotifier } from './ui/download.ts';
import { Login } from './pages/Login.tsx';

const Shell = lazy(() => import('./Shell.tsx'));

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      const s = await getSession();
      setCsrf(s.csrfToken);
      return s;
    },
  });
}

/** Files being made show "Đang tạo tệp…" with a spinner until they are saved (or refused). */
function DownloadProgress() {
  const { message } = AntApp.useApp();
  const { t } = useT();
  useEffect(() => {
    setDownloadNotifier({
      start: (key) => void message.loading({ key, content: t.fileMaking, duration: 0 }),
      done: (key) => void message.success({ key, content: t.fileReady, duration: 2 }),
      fail: (key, text) => void message.error({ key, content: text, duration: 6 }),
    });
    return () => setDownloadNotifier(null);
  }, [message, t]);
  return null;
}

function Root() {
  const qc = useQueryClient();
  setOnUnauthenticated(() => void qc.invalidateQueries({ queryKey: ['session'] }));
  const session = useSession();
  if (session.isLoading || !session.data)
    return <Spin style={{ display: 'block', marginTop: 120 }} size="large" />;
  const user = session.data.user;
  return (
    <Routes>
      <Route path="/login" element={user ? <Navigate to="/" replace /> : <Login session={session.data} />} />
      <Route
        path="/*"
        element={
          user ? (
            <Suspense fallback={<Spin style={{ display: 'block', marginTop: 120 }} />}>
              <Shell session={session.data} />
            </Suspense>
          ) : (
            <Navigate to="/login" replace />
          )
        }
      />
    </Routes>
  );
}

export function App() {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    setRequestLanguage(l);
    return l;
  });
  const ctx = useMemo(
    () => ({
      lang,
      t: DICTS[lang],
      setLang: (l: Lang) => {
        localStorage.setItem('chiso.lang', l);
        document.documentElement.lang = l;
        setRequestLanguage(l);
        setLangState(l);
        // messages already fetched (notices) come again in the new language
        void queryClient.invalidateQueries();
      },
    }),
    [lang],
  );
  return (
    <LangContext.Provider value={ctx}>
      <ConfigProvider
        locale={lang === 'vi' ? viVN : enUS}
        theme={{
          token: {
            colorPrimary: '#b71c1c',
            fontFamily: "'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif",
          },
        }}
      >
        <AntApp>
          <DownloadProgress />
          <QueryClientProvider client={queryClient}>
            <BrowserRouter>
              <Root />
            </BrowserRouter>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </LangContext.Provider>
  );
}
