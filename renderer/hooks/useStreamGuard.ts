// The "Before you go live" screen's state: the source the user chose (a camera, or a screen or
// window in the app), the room scan and the live guard. Frames are taken from the live picture at
// the budget's pace and sent over the frame port (api.framePort); the worker answers with what it
// found. Nothing of a frame is kept here: the only pictures held are the stills the worker sends
// back for the report and the alerts, in memory, and they go when the screen closes.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScreenSource } from '../../shared/api/contract.js';
import type { FromStreamWorker, StreamTrack } from '../../shared/stream/port-messages.js';
import { DEFAULT_BUDGET } from '../../shared/stream/schedule.js';
import { messageOf, unwrap, useApi } from '../api-context.js';
import { FrameGrabber } from '../stream/frame-grabber.js';

export type StreamPhase = 'choose' | 'ready' | 'room-scan' | 'room-done' | 'guard';

export type RoomReport = Extract<FromStreamWorker, { type: 'room-done' }>;

export interface StreamAlert {
  track: StreamTrack;
  still: string;
  /** It left the picture. */
  cleared: boolean;
}

export interface Camera {
  deviceId: string;
  label: string;
}

/** Room scan frames a second: enough for its few passes, never a load. */
const ROOM_SCAN_FPS = 2;

function beep(): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.value = 0.15;
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.35);
    tone.onended = () => void audio.close();
  } catch {
    // No sound device: the alert on screen stays.
  }
}

export function useStreamGuard() {
  const api = useApi();
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [capture, setCapture] = useState<MediaStream | null>(null);
  const captureRef = useRef<MediaStream | null>(null);
  captureRef.current = capture;
  const [sourceName, setSourceName] = useState<string | null>(null);
  const [cameras, setCameras] = useState<Camera[]>([]);
  const [screens, setScreens] = useState<ScreenSource[] | null>(null);
  const [phase, setPhase] = useState<StreamPhase>('choose');
  const [loading, setLoading] = useState(false);
  const [roomProgress, setRoomProgress] = useState<{ passes: number; needed: number } | null>(null);
  const [room, setRoom] = useState<RoomReport | null>(null);
  const [alerts, setAlerts] = useState<StreamAlert[]>([]);
  const [paused, setPaused] = useState<number | null>(null);
  const [framesLooked, setFramesLooked] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [budget, setBudget] = useState<number>(DEFAULT_BUDGET);
  const [sound, setSound] = useState(false);
  const [notify, setNotify] = useState(false);
  const timer = useRef<number | null>(null);
  const budgetRef = useRef(budget);
  budgetRef.current = budget;
  const options = useRef({ sound, notify });
  options.current = { sound, notify };

  const stopFrames = useCallback(() => {
    if (timer.current !== null) window.clearInterval(timer.current);
    timer.current = null;
  }, []);

  // A frame is taken only once the worker is done with the last one: it always gets the newest
  // picture, and a slow machine is not also loaded with frames that would be dropped.
  const inFlight = useRef(false);
  const sendFramesEvery = useCallback(
    (fps: number) => {
      stopFrames();
      inFlight.current = false;
      const grabber = new FrameGrabber();
      const started = performance.now();
      timer.current = window.setInterval(() => {
        const video = videoRef.current;
        if (inFlight.current || !video) return;
        const frame = grabber.grab(video);
        if (!frame) return;
        inFlight.current = true;
        api.framePort.sendFrame({ ...frame, time: (performance.now() - started) / 1000 });
      }, 1000 / fps);
    },
    [api, stopFrames],
  );

  // What the worker says.
  const mode = useRef<'room-scan' | 'guard' | null>(null);
  useEffect(
    () =>
      api.framePort.onMessage((message) => {
        switch (message.type) {
          case 'ready':
            setLoading(false);
            sendFramesEvery(mode.current === 'guard' ? budgetRef.current : ROOM_SCAN_FPS);
            break;
          case 'frame-done':
            inFlight.current = false;
            if (message.passes.length > 0) setFramesLooked((n) => n + 1);
            break;
          case 'room-progress':
            setRoomProgress({ passes: message.passes, needed: message.needed });
            break;
          case 'room-done':
            stopFrames();
            api.framePort.stop();
            mode.current = null;
            setRoom(message);
            setPhase('room-done');
            break;
          case 'alert':
            setAlerts((list) => [{ track: message.track, still: message.still, cleared: false }, ...list.filter((a) => a.track.id !== message.track.id)]);
            if (options.current.sound) beep();
            if (options.current.notify && 'Notification' in window && Notification.permission === 'granted') {
              new Notification('Exposure Check: check your stream', { body: `${message.track.title}, ${message.track.where}.`, silent: true });
            }
            break;
          case 'cleared':
            setAlerts((list) => list.map((a) => (a.track.id === message.track.id ? { ...a, track: message.track, cleared: true } : a)));
            break;
          case 'paused':
            setPaused(message.seconds);
            break;
          case 'resumed':
            setPaused(null);
            break;
          case 'error':
            inFlight.current = false;
            setError(message.message);
            break;
        }
      }),
    [api, sendFramesEvery, stopFrames],
  );
  // Capture is allowed only while this screen is open (main's permission handler reads it).
  useEffect(() => {
    void api.streamScreen({ open: true });
    return () => {
      void api.streamScreen({ open: false });
    };
  }, [api]);

  // The picture on screen follows the chosen source; the source is let go when the screen closes.
  useEffect(() => {
    if (videoRef.current) videoRef.current.srcObject = capture;
    return () => capture?.getTracks().forEach((t) => t.stop());
  }, [capture]);
  useEffect(
    () => () => {
      stopFrames();
      api.framePort.stop();
    },
    [api, stopFrames],
  );

  const stopLooking = useCallback(() => {
    stopFrames();
    api.framePort.stop();
    mode.current = null;
    setLoading(false);
    setPaused(null);
  }, [api, stopFrames]);

  const openSource = useCallback(
    async (kind: 'camera' | 'screen', open: () => Promise<MediaStream>, name: (stream: MediaStream) => string, id?: string) => {
      setError(null);
      stopLooking();
      if (!navigator.mediaDevices) {
        setError('This computer gives the app no way to see a camera or a screen.');
        return;
      }
      try {
        unwrap(await api.chooseStreamSource(kind === 'camera' ? { kind } : { kind, id: id ?? '' }));
        // The camera in use is let go first, so choosing it again opens it afresh.
        captureRef.current?.getTracks().forEach((t) => t.stop());
        const stream = await open();
        setCapture(stream);
        setSourceName(name(stream));
        setRoom(null);
        setAlerts([]);
        setPhase('ready');
        if (kind === 'camera') {
          const devices = await navigator.mediaDevices.enumerateDevices();
          setCameras(devices.filter((d) => d.kind === 'videoinput').map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` })));
        }
      } catch (err) {
        setError(err instanceof DOMException ? 'The picture could not be opened. Check that no other app holds the camera, and that Exposure Check may use it.' : messageOf(err));
      }
    },
    [api, stopLooking],
  );

  const openCamera = useCallback(
    (deviceId?: string) =>
      openSource(
        'camera',
        () => navigator.mediaDevices.getUserMedia({ audio: false, video: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), width: { ideal: 1280 }, height: { ideal: 720 } } }),
        (stream) => stream.getVideoTracks()[0]?.label || 'Camera',
      ),
    [openSource],
  );

  const openScreen = useCallback(
    (source: ScreenSource) => openSource('screen', () => navigator.mediaDevices.getDisplayMedia({ audio: false, video: true }), () => source.name, source.id),
    [openSource],
  );

  const listScreens = useCallback(async () => {
    try {
      setScreens(unwrap(await api.listScreens({})).sources);
    } catch (err) {
      setError(messageOf(err));
    }
  }, [api]);

  const begin = useCallback(
    async (next: 'room-scan' | 'guard') => {
      setError(null);
      stopLooking();
      mode.current = next;
      setLoading(true);
      setPhase(next);
      setPaused(null);
      setFramesLooked(0);
      if (next === 'room-scan') {
        setRoom(null);
        setRoomProgress(null);
      } else {
        setAlerts([]);
      }
      const started = await api.framePort.start({ mode: next, budget: budgetRef.current });
      if (!started.ok) {
        mode.current = null;
        setLoading(false);
        setPhase(capture ? 'ready' : 'choose');
        setError(started.error.message);
      }
    },
    [api, capture, stopLooking],
  );

  const stop = useCallback(() => {
    stopLooking();
    setPhase(room ? 'room-done' : 'ready');
  }, [room, stopLooking]);

  const changeBudget = useCallback(
    (next: number) => {
      setBudget(next);
      budgetRef.current = next;
      // The guard goes on at the new pace: frames are taken at the new rate, and the worker keeps
      // what it tracks, so a thing still in the picture is not alerted again.
      if (mode.current === 'guard') {
        api.framePort.setBudget(next);
        if (timer.current !== null) sendFramesEvery(next);
      }
    },
    [api, sendFramesEvery],
  );

  const changeNotify = useCallback(async (on: boolean) => {
    if (on && 'Notification' in window && Notification.permission !== 'granted') await Notification.requestPermission();
    setNotify(on);
  }, []);

  return {
    videoRef,
    capture,
    sourceName,
    cameras,
    screens,
    phase,
    loading,
    roomProgress,
    room,
    alerts,
    paused,
    framesLooked,
    error,
    budget,
    sound,
    notify,
    openCamera,
    openScreen,
    listScreens,
    startRoomScan: () => void begin('room-scan'),
    startGuard: () => void begin('guard'),
    stop,
    setBudget: changeBudget,
    setSound,
    setNotify: (on: boolean) => void changeNotify(on),
  };
}

export type StreamGuardModel = ReturnType<typeof useStreamGuard>;
